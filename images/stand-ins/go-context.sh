#!/usr/bin/env bash
# Shared by the prepare.sh of the stand-ins built from Go modules: stages
# what a FROM-scratch image needs into the build context.
#
# Usage: images/stand-ins/go-context.sh CONTEXT_DIR FAMILY...
#   CONTEXT_DIR/bin/     the families' binaries (images/go/build.sh FAMILY..., cached)
#   CONTEXT_DIR/rootfs/  /etc/passwd and /etc/group (root, nobody 65534), the host's
#                        CA bundle at /etc/ssl/certs/ca-certificates.crt (where Go
#                        looks), /tmp (1777): `COPY rootfs/ /`
#   CONTEXT_DIR/empty/   an empty directory: `COPY --chown=... empty/ /some/dir/`
#                        makes a writable directory in a scratch image
set -euo pipefail
context="${1:?usage: go-context.sh CONTEXT_DIR FAMILY...}"
shift
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bin_dir="$("${repo_root}/images/go/build.sh" "$@" | tail -1)"
mkdir -p "${context}/bin" "${context}/empty" "${context}/rootfs/etc/ssl/certs" "${context}/rootfs/tmp"
for file in "${bin_dir}"/*; do cp "$file" "${context}/bin/"; done
ca_bundle="${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}"
[[ -s "$ca_bundle" ]] || { echo "go-context: no CA bundle at ${ca_bundle} (install ca-certificates)" >&2; exit 1; }
cp "$ca_bundle" "${context}/rootfs/etc/ssl/certs/ca-certificates.crt"
printf '%s\n' 'root:x:0:0:root:/root:/sbin/nologin' 'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin' > "${context}/rootfs/etc/passwd"
printf '%s\n' 'root:x:0:' 'nobody:x:65534:' > "${context}/rootfs/etc/group"
chmod 0755 "${context}/rootfs" "${context}/rootfs/etc" "${context}/rootfs/etc/ssl" "${context}/rootfs/etc/ssl/certs"
chmod 0644 "${context}/rootfs/etc/passwd" "${context}/rootfs/etc/group" "${context}/rootfs/etc/ssl/certs/ca-certificates.crt"
chmod 1777 "${context}/rootfs/tmp"
