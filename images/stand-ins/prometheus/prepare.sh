#!/usr/bin/env bash
# The prometheus binary (family `prometheus`), /etc basics, the CA bundle (see ../go-context.sh).
exec "$(dirname "${BASH_SOURCE[0]}")/../go-context.sh" "$1" prometheus
