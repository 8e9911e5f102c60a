#!/usr/bin/env bash
# The mc binary (family `mc`, AGPLv3), /etc basics, the CA bundle (see ../go-context.sh),
# and Debian's busybox-static as /bin/sh: floe's bucket Job runs `/bin/sh -c "mc alias set ... && mc mb ..."`.
set -euo pipefail
context="$1"
here="$(dirname "${BASH_SOURCE[0]}")"
"${here}/../go-context.sh" "$context" mc
debs="${FLOE_CACHE_DIR:-${HOME}/.cache/floe}/debs"
mkdir -p "$debs"
deb="$(find "$debs" -maxdepth 1 -name 'busybox-static_*.deb' -print -quit)"
if [[ -z "$deb" ]]; then
  (cd "$debs" && { apt-get download busybox-static >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get download busybox-static >/dev/null; }; })
  deb="$(find "$debs" -maxdepth 1 -name 'busybox-static_*.deb' -print -quit)"
fi
[[ -n "$deb" ]] || { echo "minio-client: could not download Debian's busybox-static" >&2; exit 1; }
unpacked="$(mktemp -d)"
trap 'rm -rf "$unpacked"' EXIT
dpkg-deb -x "$deb" "$unpacked"
install -m 0755 "${unpacked}/bin/busybox" "${context}/bin/busybox"
