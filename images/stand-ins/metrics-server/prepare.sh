#!/usr/bin/env bash
# The metrics-server binary (family `metrics-server`), /etc basics, the CA bundle (see ../go-context.sh).
exec "$(dirname "${BASH_SOURCE[0]}")/../go-context.sh" "$1" metrics-server
