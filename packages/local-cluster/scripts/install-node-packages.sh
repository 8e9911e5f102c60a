#!/usr/bin/env bash
# Installs what the local cluster's real node needs from Debian's packages,
# when missing: runc, the CNI plugins (/usr/lib/cni), iptables/ip6tables,
# ipset and conntrack (kube-proxy, kube-router), nftables (host cleanup),
# iproute2, gcc (the static pause binary), tar, and busybox-static (the
# toolbox image of the real-node tests: sh, nc, nslookup, httpd). Idempotent: present tools
# are kept. Needs root (or sudo) for apt-get; the real node needs root anyway.
set -euo pipefail

log() { printf '[install-node-packages] %s\n' "$*" >&2; }

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi

missing=()
[[ -x /usr/sbin/runc ]] || missing+=(runc)
[[ -x /usr/lib/cni/bridge && -x /usr/lib/cni/host-local && -x /usr/lib/cni/portmap ]] || missing+=(containernetworking-plugins)
command -v iptables >/dev/null || missing+=(iptables)
command -v ipset >/dev/null || missing+=(ipset)
command -v conntrack >/dev/null || missing+=(conntrack)
command -v nft >/dev/null || missing+=(nftables)
command -v ip >/dev/null || missing+=(iproute2)
command -v gcc >/dev/null || missing+=(gcc libc6-dev)
command -v tar >/dev/null || missing+=(tar)
[[ -x /bin/busybox ]] || missing+=(busybox-static)

if ((${#missing[@]} == 0)); then exit 0; fi
command -v apt-get >/dev/null || { log "missing ${missing[*]} and no apt-get: install them with your package manager"; exit 1; }
log "installing ${missing[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt_log="$(mktemp)"
{ "${sudo_cmd[@]}" apt-get update -qq && "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
  >"$apt_log" 2>&1 || { tail -30 "$apt_log" >&2; exit 1; }
rm -f "$apt_log"
