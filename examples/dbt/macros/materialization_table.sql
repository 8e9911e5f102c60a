{#- `table` without renames. dbt's own table materialization builds
    `<name>__dbt_tmp` and renames it over the old table; DuckDB's iceberg
    extension cannot rename a table, nor drop and create one name in one
    transaction. This one creates the table when it is missing, and
    otherwise replaces its rows in one transaction (one Iceberg snapshot:
    readers see the old rows or the new ones). When the model's columns
    changed, or on --full-refresh, it drops the table, commits, and creates
    it again. Works the same on a local DuckDB file. -#}
{% materialization table, adapter='duckdb' %}
  {%- set target_relation = this.incorporate(type='table') -%}
  {%- set existing_relation = load_cached_relation(this) -%}

  {{ run_hooks(pre_hooks, inside_transaction=False) }}
  {{ run_hooks(pre_hooks, inside_transaction=True) }}

  {%- if existing_relation is not none -%}
    {%- set old_columns = adapter.get_columns_in_relation(existing_relation) | map(attribute='name') | map('lower') | list -%}
    {%- set new_columns = get_column_schema_from_query(sql) | map(attribute='name') | map('lower') | list -%}
    {%- if should_full_refresh() or not existing_relation.is_table or old_columns != new_columns -%}
      {{ adapter.drop_relation(existing_relation) }}
      {{ adapter.commit() }}
      {%- set existing_relation = none -%}
    {%- endif -%}
  {%- endif -%}

  {%- if existing_relation is none -%}
    {% call statement('main') -%}
      {{ create_table_as(False, target_relation, sql) }}
    {%- endcall %}
  {%- else -%}
    {% call statement('main') -%}
      delete from {{ target_relation }};
      insert into {{ target_relation }} select * from ({{ sql }}) as floe_model
    {%- endcall %}
  {%- endif -%}

  {{ run_hooks(post_hooks, inside_transaction=True) }}
  {{ adapter.commit() }}
  {{ run_hooks(post_hooks, inside_transaction=False) }}
  {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}
