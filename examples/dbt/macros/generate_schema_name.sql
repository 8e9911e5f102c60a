{#- A model's `schema` config is the schema (the Iceberg namespace) itself,
    not dbt's default `<target schema>_<schema>` (`main_marts`). -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ (custom_schema_name or target.schema) | trim }}
{%- endmacro %}
