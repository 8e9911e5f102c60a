"""Runs floe quality checks (SQL assertions) against the warehouse, read-only.

Invoked by floe-job with the venv's python; the request comes as JSON on stdin:
  {"warehouse": {...}, "checks": [{"name", "sql", "severity"}]}
(the warehouse as floe_lakehouse.py describes it: the catalog's Iceberg tables,
attached as DuckDB's default catalog, or a DuckDB file). Each check's query
returns the rows that violate its rule. The last stdout line is
{"floeResult": {"checks": [{"name", "severity", "violations", "error"?}]}}.
"""

import json
import os
import sys

import duckdb

import floe_lakehouse


def run_check(connection, check):
    sql = check["sql"].strip().rstrip(";")
    result = {"name": check["name"], "severity": check["severity"], "violations": 0}
    try:
        result["violations"] = connection.execute(f"select count(*) from ({sql}) as floe_check").fetchone()[0]
    except duckdb.Error as error:
        if floe_lakehouse.is_transient(error):
            raise
        result["error"] = str(error).splitlines()[0]
    return result


def main():
    request = json.load(sys.stdin)
    warehouse = request["warehouse"]
    if warehouse["type"] == "duckdb" and not os.path.isfile(warehouse["path"]):
        emit({"error": "warehouse-not-found", "message": f"the DuckDB warehouse {warehouse['path']} does not exist"})
        return 1
    try:
        with floe_lakehouse.connect(warehouse, read_only=True) as connection:
            checks = [run_check(connection, check) for check in request["checks"]]
    except duckdb.Error as error:
        if not floe_lakehouse.is_transient(error):
            raise
        emit({"error": "infrastructure", "message": f"the checks could not read the warehouse: {str(error).splitlines()[0]}"})
        return 1
    emit({"checks": checks})
    return 0


def emit(result):
    print(json.dumps({"floeResult": result}), flush=True)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
