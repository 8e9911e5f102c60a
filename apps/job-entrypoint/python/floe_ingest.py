"""Runs one floe ingestion step with dlt and prints its result as one JSON line.

Invoked by floe-job with the venv's python; the request comes as JSON on stdin:
  {"pipelineName", "pipelinesDir", "source": {"path", "format"}, "dataset",
   "table", "writeDisposition", "primaryKey", "destination": {"type": "duckdb", "path"}}
The last stdout line is {"floeResult": {...}}; everything else goes to stderr.
"""

import json
import os
import sys

# dlt must not try to phone home from a pod without internet, nor write outside the tmp mount.
os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")

import dlt  # noqa: E402
import duckdb  # noqa: E402

READERS = {
    "csv": "read_csv_auto(?)",
    "jsonl": "read_json_auto(?, format = 'newline_delimited')",
    "parquet": "read_parquet(?)",
}
BATCH_ROWS = 10_000


def read_rows(path, file_format):
    """Yields the file's rows as dicts, typed by DuckDB's readers (no pandas/pyarrow needed)."""
    with duckdb.connect(":memory:") as reader:
        cursor = reader.execute(f"select * from {READERS[file_format]}", [path])
        columns = [column[0] for column in cursor.description]
        while True:
            batch = cursor.fetchmany(BATCH_ROWS)
            if not batch:
                return
            for row in batch:
                yield dict(zip(columns, row))


def main():
    request = json.load(sys.stdin)
    source = request["source"]
    if not os.path.isfile(source["path"]):
        emit({"error": "source-not-found", "message": f"source file {source['path']} does not exist"})
        return 1

    hints = {"name": request["table"], "write_disposition": request["writeDisposition"]}
    if request["primaryKey"]:
        hints["primary_key"] = request["primaryKey"]
    resource = dlt.resource(read_rows(source["path"], source["format"]), **hints)

    destination = request["destination"]
    pipeline = dlt.pipeline(
        pipeline_name=request["pipelineName"],
        pipelines_dir=request["pipelinesDir"],
        destination=dlt.destinations.duckdb(credentials=destination["path"]),
        dataset_name=request["dataset"],
    )
    pipeline.run(resource)

    row_counts = pipeline.last_trace.last_normalize_info.row_counts
    rows_loaded = {name: count for name, count in row_counts.items() if not name.startswith("_dlt")}
    with pipeline.sql_client() as client:
        table = client.make_qualified_table_name(request["table"])
        total = client.execute_sql(f"select count(*) from {table}")[0][0]
    emit({"rowsLoaded": rows_loaded, "tableRows": {request["table"]: total}, "dataset": request["dataset"]})
    return 0


def emit(result):
    print(json.dumps({"floeResult": result}, default=str), flush=True)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
