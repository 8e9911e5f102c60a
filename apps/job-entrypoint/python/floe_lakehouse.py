"""The warehouse a floe step reads and writes, for floe's Python helpers.

floe-job sends the warehouse as part of each helper's request (no secrets in it):
  {"type": "duckdb", "path": "/var/lib/floe/warehouse.duckdb"}                  local mode
  {"type": "iceberg", "extensionDir": "...",                                        cluster mode
   "catalog": {"uri", "warehouse", "oauth2ServerUri", "scope", "alias"},
   "storage": {"endpoint", "bucket", "region", "useSsl", "urlStyle"}}
The credentials come from the environment the pod template maps from Secrets
(FLOE_CATALOG_CLIENT_ID/SECRET, FLOE_STORAGE_ACCESS_KEY_ID/SECRET_ACCESS_KEY).
"""

import os
from urllib.parse import urlsplit

import duckdb

CATALOG_CLIENT_ID = "FLOE_CATALOG_CLIENT_ID"
CATALOG_CLIENT_SECRET = "FLOE_CATALOG_CLIENT_SECRET"
STORAGE_ACCESS_KEY_ID = "FLOE_STORAGE_ACCESS_KEY_ID"
STORAGE_SECRET_ACCESS_KEY = "FLOE_STORAGE_SECRET_ACCESS_KEY"
EXTENSIONS = ("httpfs", "avro", "iceberg")

# Error text of DuckDB, pyiceberg, botocore and requests when a platform
# service cannot be reached or a concurrent commit won: a retry can succeed.
TRANSIENT_MARKERS = (
    "could not establish connection",
    "connection refused",
    "connection reset",
    "timed out",
    "timeout",
    "name or service not known",
    "temporary failure in name resolution",
    "could not connect to the endpoint",
    "max retries exceeded",
    "service unavailable",
    "commitfailedexception",
    "commit failed",
    "requirement failed",
    "conflict",
    "http 5",
    "http error 5",
)


def is_transient(error):
    """Whether `error` (or any exception it wraps) says a service was unreachable or a commit lost a race."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        text = f"{type(error).__name__}: {error}".lower()
        if any(marker in text for marker in TRANSIENT_MARKERS):
            return True
        error = error.__cause__ or error.__context__
    return False


def sql_string(value):
    return "'" + str(value).replace("'", "''") + "'"


def env_value(name):
    return os.environ.get(name, "")


def storage_endpoint_host(endpoint):
    """DuckDB's S3 secret wants host[:port] without the scheme."""
    parts = urlsplit(endpoint)
    return parts.netloc or parts.path


def connect(warehouse, read_only=False):
    """A DuckDB connection on the warehouse; in Iceberg mode the catalog is attached and in use."""
    if warehouse["type"] == "duckdb":
        return duckdb.connect(warehouse["path"], read_only=read_only)
    connection = duckdb.connect(
        ":memory:",
        config={
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
            "extension_directory": warehouse["extensionDir"],
        },
    )
    for extension in EXTENSIONS:
        connection.execute(f"load {extension}")
    storage = warehouse["storage"]
    catalog = warehouse["catalog"]
    connection.execute(
        "create secret floe_storage (type s3"
        f", key_id {sql_string(env_value(STORAGE_ACCESS_KEY_ID))}"
        f", secret {sql_string(env_value(STORAGE_SECRET_ACCESS_KEY))}"
        f", region {sql_string(storage['region'])}"
        + (f", endpoint {sql_string(storage_endpoint_host(storage['endpoint']))}" if storage.get("endpoint") else "")
        + f", url_style {sql_string(storage['urlStyle'])}"
        f", use_ssl {'true' if storage['useSsl'] else 'false'})"
    )
    connection.execute(
        "create secret floe_catalog (type iceberg"
        f", client_id {sql_string(env_value(CATALOG_CLIENT_ID))}"
        f", client_secret {sql_string(env_value(CATALOG_CLIENT_SECRET))}"
        f", oauth2_server_uri {sql_string(catalog['oauth2ServerUri'])}"
        f", oauth2_scope {sql_string(catalog['scope'])})"
    )
    alias = catalog["alias"]
    connection.execute(
        f"attach {sql_string(catalog['warehouse'])} as {alias} (type iceberg, secret floe_catalog"
        f", endpoint {sql_string(catalog['uri'])}, access_delegation_mode 'none'"
        + (", read_only" if read_only else "")
        + ")"
    )
    if not read_only:
        connection.execute(f"create schema if not exists {alias}.main")
    try:
        # Unqualified and schema-qualified names (main.fct_orders) resolve in the catalog.
        connection.execute(f"use {alias}")
    except duckdb.CatalogException:
        # Read-only and no namespace `main` yet: names must be qualified; a missing table is reported by its query.
        pass
    return connection


def dlt_destination(warehouse, dlt):
    """The dlt destination for the warehouse: DuckDB's file, or Iceberg tables in the REST catalog."""
    if warehouse["type"] == "duckdb":
        return dlt.destinations.duckdb(credentials=warehouse["path"])
    storage = warehouse["storage"]
    catalog = warehouse["catalog"]
    s3 = {
        "s3.region": storage["region"],
        "s3.access-key-id": env_value(STORAGE_ACCESS_KEY_ID),
        "s3.secret-access-key": env_value(STORAGE_SECRET_ACCESS_KEY),
        "s3.path-style-access": "true" if storage["urlStyle"] == "path" else "false",
    }
    if storage.get("endpoint"):
        s3["s3.endpoint"] = storage["endpoint"]
    dlt.config["iceberg_catalog.iceberg_catalog_type"] = "rest"
    dlt.secrets["iceberg_catalog.iceberg_catalog_config"] = {
        "type": "rest",
        "uri": catalog["uri"],
        "warehouse": catalog["warehouse"],
        "credential": f"{env_value(CATALOG_CLIENT_ID)}:{env_value(CATALOG_CLIENT_SECRET)}",
        "oauth2-server-uri": catalog["oauth2ServerUri"],
        "scope": catalog["scope"],
        **s3,
    }
    credentials = {
        "aws_access_key_id": env_value(STORAGE_ACCESS_KEY_ID),
        "aws_secret_access_key": env_value(STORAGE_SECRET_ACCESS_KEY),
        "region_name": storage["region"],
    }
    if storage.get("endpoint"):
        credentials["endpoint_url"] = storage["endpoint"]
    return dlt.destinations.filesystem(bucket_url=f"s3://{storage['bucket']}", credentials=credentials)
