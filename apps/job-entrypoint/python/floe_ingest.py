"""Runs one floe ingestion step with dlt and prints its result as one JSON line.

Invoked by floe-job with the venv's python; the request comes as JSON on stdin:
  {"pipelineName", "pipelinesDir", "source": {"path", "format"}, "dataset",
   "table", "writeDisposition", "primaryKey", "warehouse": {...}}
(the warehouse as floe_lakehouse.py describes it). In Iceberg mode the table is
an Iceberg table in the REST catalog (dlt's filesystem destination,
table_format "iceberg"). The last stdout line is {"floeResult": {...}};
everything else goes to stderr.

dlt's pipeline state lives in a working dir of this pod only and is never
restored from the destination: a step reads its whole source file each time
(no incremental cursor), so nothing in dlt's state is needed by a later pod,
and two concurrent runs of one pipeline never share it.
"""

import json
import os
import sys

# dlt must not try to phone home from a pod without internet, nor write outside the tmp mount.
os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")
os.environ.setdefault("RESTORE_FROM_DESTINATION", "false")
# One load worker: parallel jobs of one load race to create the namespace (the reference catalog answers 500).
os.environ.setdefault("LOAD__WORKERS", "1")

import dlt  # noqa: E402
import duckdb  # noqa: E402

import floe_lakehouse  # noqa: E402

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

    warehouse = request["warehouse"]
    iceberg = warehouse["type"] == "iceberg"
    hints = {"name": request["table"], "write_disposition": request["writeDisposition"]}
    if request["primaryKey"]:
        hints["primary_key"] = request["primaryKey"]
    if iceberg:
        hints["table_format"] = "iceberg"
        if request["writeDisposition"] == "merge":
            # pyiceberg 0.12 retries a commit that lost to a concurrent one by re-applying what it computed
            # from the old snapshot: an upsert then appends again rows another writer inserted meanwhile
            # (3 x 12 orders after three first runs at once, test/image/concurrent-commits.image-test.ts).
            # Let the conflict surface instead: it is reported retryable (exit 75) and the retried step
            # recomputes the merge on the new snapshot.
            from pyiceberg.table import TableProperties

            TableProperties.COMMIT_NUM_RETRIES_DEFAULT = 0
            # Iceberg tables merge by upsert on the primary key (dlt's delete-insert needs staging tables).
            hints["write_disposition"] = {"disposition": "merge", "strategy": "upsert"}
    resource = dlt.resource(read_rows(source["path"], source["format"]), **hints)

    pipeline = dlt.pipeline(
        pipeline_name=request["pipelineName"],
        pipelines_dir=request["pipelinesDir"],
        destination=floe_lakehouse.dlt_destination(warehouse, dlt),
        dataset_name=request["dataset"],
    )
    try:
        pipeline.run(resource)
    except Exception as error:  # noqa: BLE001 - classified, then reported as the result
        if floe_lakehouse.is_transient(error):
            emit({"error": "infrastructure", "message": f"the load did not finish: {first_line(error)}"})
            return 1
        raise

    row_counts = pipeline.last_trace.last_normalize_info.row_counts
    rows_loaded = {name: count for name, count in row_counts.items() if not name.startswith("_dlt")}
    emit({"rowsLoaded": rows_loaded, "tableRows": {request["table"]: table_rows(warehouse, request)}, "dataset": request["dataset"]})
    return 0


def table_rows(warehouse, request):
    """Rows in the loaded table, read back with DuckDB (through the catalog in Iceberg mode)."""
    catalog = f'{warehouse["catalog"]["alias"]}.' if warehouse["type"] == "iceberg" else ""
    with floe_lakehouse.connect(warehouse, read_only=True) as connection:
        return connection.execute(f'select count(*) from {catalog}"{request["dataset"]}"."{request["table"]}"').fetchone()[0]


def first_line(error):
    """The innermost error's first line (dlt wraps the destination's error in several layers); for a lost
    Iceberg commit, the catalog's CommitFailedException message, not the HTTP client's "409 Conflict"."""
    conflict = None
    while True:
        if type(error).__name__ == "CommitFailedException" and conflict is None:
            conflict = error
        if error.__cause__ is None:
            break
        error = error.__cause__
    if conflict is not None:
        return "Iceberg commit conflict (CommitFailedException): " + (str(conflict).strip().splitlines() or [""])[0]
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def emit(result):
    print(json.dumps({"floeResult": result}, default=str), flush=True)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
