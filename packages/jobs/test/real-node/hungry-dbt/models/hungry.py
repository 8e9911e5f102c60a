import os


def model(dbt, session):
    """Holds HUNGRY_MIB MiB of touched memory while it builds a one-row table."""
    dbt.config(materialized="table")
    size = int(os.environ.get("HUNGRY_MIB", "0")) * 1024 * 1024
    block = bytearray(size)
    for offset in range(0, size, 4096):
        block[offset] = 1
    return session.sql(f"select {len(block)} as bytes_held")
