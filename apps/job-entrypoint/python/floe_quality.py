"""Runs floe quality checks (SQL assertions) against a DuckDB warehouse.

Invoked by floe-job with the venv's python; the request comes as JSON on stdin:
  {"warehousePath": "...", "checks": [{"name", "sql", "severity"}]}
Each check's query returns the rows that violate its rule. The last stdout
line is {"floeResult": {"checks": [{"name", "severity", "violations", "error"?}]}}.
"""

import json
import os
import sys

import duckdb


def run_check(connection, check):
    sql = check["sql"].strip().rstrip(";")
    result = {"name": check["name"], "severity": check["severity"], "violations": 0}
    try:
        result["violations"] = connection.execute(f"select count(*) from ({sql}) as floe_check").fetchone()[0]
    except duckdb.Error as error:
        result["error"] = str(error).splitlines()[0]
    return result


def main():
    request = json.load(sys.stdin)
    path = request["warehousePath"]
    if not os.path.isfile(path):
        emit({"error": "warehouse-not-found", "message": f"the DuckDB warehouse {path} does not exist"})
        return 1
    with duckdb.connect(path, read_only=True) as connection:
        checks = [run_check(connection, check) for check in request["checks"]]
    emit({"checks": checks})
    return 0


def emit(result):
    print(json.dumps({"floeResult": result}), flush=True)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
