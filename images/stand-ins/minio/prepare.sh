#!/usr/bin/env bash
# The minio binary (family `minio`, AGPLv3), /etc basics, the CA bundle (see ../go-context.sh).
exec "$(dirname "${BASH_SOURCE[0]}")/../go-context.sh" "$1" minio
