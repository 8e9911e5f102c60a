{#- Tables live in the target database: the attached Iceberg catalog on a
    cluster (FLOE_WAREHOUSE_TYPE=iceberg), the DuckDB file locally. DuckDB's
    iceberg extension cannot create views in a catalog, and re-seeding an
    Iceberg table (truncate + COPY) left other threads of the run reading the
    old rows too, so on a cluster views and seeds are made in the step's
    in-memory database: they serve the models and tests of this dbt run and
    vanish with the pod. Materialize as a table whatever a later step reads. -#}
{% macro generate_database_name(custom_database_name=none, node=none) -%}
    {%- if custom_database_name is not none -%}
        {{ custom_database_name | trim }}
    {%- elif node is not none and (node.resource_type == 'seed' or node.config.materialized == 'view') and env_var('FLOE_WAREHOUSE_TYPE', 'duckdb') == 'iceberg' -%}
        memory
    {%- else -%}
        {{ target.database }}
    {%- endif -%}
{%- endmacro %}
