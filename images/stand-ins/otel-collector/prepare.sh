#!/usr/bin/env bash
# floe's collector distribution (family `otel-collector`), /etc basics, the CA bundle (see ../go-context.sh).
exec "$(dirname "${BASH_SOURCE[0]}")/../go-context.sh" "$1" otel-collector
