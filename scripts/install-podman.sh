#!/usr/bin/env bash
# Installs what scripts/build-image.sh needs when no Docker engine is running:
# podman (with runc), debootstrap (the local base image) and uidmap /
# fuse-overlayfs, from Debian's packages. Idempotent: a present tool is kept.
#
# On hosts without systemd as PID 1 (CI sandboxes, containers) it also
# writes a containers.conf drop-in: the `cgroupfs` cgroup manager (podman's
# default, systemd, needs a systemd session), the `runc` runtime (Debian
# bookworm's crun fails on hybrid cgroup v1 hierarchies) and default
# ulimits no higher than this host grants (podman's defaults, nofile 1048576
# and nproc 4194304, need CAP_SYS_RESOURCE, which a sandboxed root lacks;
# every `podman run` and build step would fail with "error setting rlimit").
# A system drop-in rather than a repo-owned CONTAINERS_CONF, so that every
# podman call works, including the ones users type by hand.
#
# Needs root (or sudo) for apt-get. Env: FLOE_SKIP_PODMAN_CONF=1 to leave
# /etc/containers alone.
set -euo pipefail

log() { printf '[install-podman] %s\n' "$*" >&2; }

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi

"$(dirname "${BASH_SOURCE[0]}")/install-debian-packages.sh" podman runc debootstrap newuidmap:uidmap fuse-overlayfs

conf=/etc/containers/containers.conf.d/50-floe-runtime.conf
if [[ ${FLOE_SKIP_PODMAN_CONF:-0} != 1 && "$(cat /proc/1/comm 2>/dev/null)" != systemd ]]; then
  # On the machine this was written on, runc failed to set nproc above 32768 even below the hard limit.
  nofile="$(ulimit -Hn)"; nproc="$(ulimit -Hu)"
  [[ $nofile == unlimited || $nofile -gt 1048576 ]] && nofile=1048576
  [[ $nproc == unlimited || $nproc -gt 32768 ]] && nproc=32768
  wanted="# Written by floe scripts/install-podman.sh: no systemd on this host.
[engine]
cgroup_manager = \"cgroupfs\"
events_logger = \"file\"
runtime = \"runc\"

[containers]
default_ulimits = [\"nofile=$nofile:$nofile\", \"nproc=$nproc:$nproc\"]
"
  if [[ "$(cat "$conf" 2>/dev/null)"$'\n' != "$wanted" ]]; then
    log "writing $conf (cgroupfs, runc)"
    "${sudo_cmd[@]}" mkdir -p "$(dirname "$conf")"
    printf '%s' "$wanted" | "${sudo_cmd[@]}" tee "$conf" >/dev/null
  fi
fi
