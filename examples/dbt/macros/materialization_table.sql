{#- `table` without renames. dbt's own table materialization (SQL and Python models) builds
    `<name>__dbt_tmp` and renames it over the old table, and drops with
    CASCADE; DuckDB 1.4.4's iceberg extension supports neither, nor a DROP
    and CREATE of one name in one transaction. So: drop the old table and
    commit, then create the new one (CTAS) and commit.
    Not `delete` + `insert` into the old table: that would be one atomic
    replacement, but DuckDB 1.4.4 then showed the deleted rows again to later
    queries of the same process (dbt's tests of the model found every row
    twice). The price: another reader may find the table missing for the
    moment between the two commits. Works the same on a local DuckDB file. -#}
{% materialization table, adapter='duckdb', supported_languages=['sql', 'python'] %}
  {%- set language = model['language'] -%}
  {%- set target_relation = this.incorporate(type='table') -%}
  {%- set existing_relation = load_cached_relation(this) -%}

  {{ run_hooks(pre_hooks, inside_transaction=False) }}
  {{ run_hooks(pre_hooks, inside_transaction=True) }}

  {%- if existing_relation is not none -%}
    {% call statement('drop_existing') -%}
      drop {{ existing_relation.type }} {{ existing_relation }}
    {%- endcall %}
    {{ adapter.commit() }}
    {% do adapter.cache_dropped(existing_relation) %}
  {%- endif -%}

  {% call statement('main', language=language) -%}
    {{ create_table_as(False, target_relation, compiled_code, language) }}
  {%- endcall %}

  {{ run_hooks(post_hooks, inside_transaction=True) }}
  {{ adapter.commit() }}
  {{ run_hooks(post_hooks, inside_transaction=False) }}
  {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}
