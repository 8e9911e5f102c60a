#!/bin/bash
# floe's entrypoint for the PostgreSQL stand-in. It honours the parts of the
# official postgres image's contract that floe's manifests rely on:
#   POSTGRES_PASSWORD (required unless POSTGRES_HOST_AUTH_METHOD=trust),
#   POSTGRES_USER (default postgres), POSTGRES_DB (default $POSTGRES_USER),
#   POSTGRES_INITDB_ARGS, POSTGRES_HOST_AUTH_METHOD (default scram-sha-256),
#   each also as <NAME>_FILE (the value read from that file);
#   PGDATA: initdb when it holds no cluster, then the scripts of
#   /docker-entrypoint-initdb.d (*.sh run or sourced, *.sql and *.sql.gz fed
#   to psql) against a server that listens on the Unix socket only; then
#   `exec postgres` (PID 1: SIGINT = fast shutdown, SIGTERM = smart).
# Any other command (psql, pg_isready, bash) runs as given.
set -Eeuo pipefail

log() { printf '%s [entrypoint] %s\n' "$(date -u +'%Y-%m-%d %H:%M:%S UTC')" "$*" >&2; }
fail() { log "error: $*"; exit 1; }

# NAME from NAME or NAME_FILE (not both), else the default.
env_or_file() {
  local name="$1" default="${2:-}" file_name="${1}_FILE"
  if [[ -n "${!name:-}" && -n "${!file_name:-}" ]]; then fail "both $name and $file_name are set: set only one"; fi
  local value="$default"
  if [[ -n "${!name:-}" ]]; then value="${!name}"
  elif [[ -n "${!file_name:-}" ]]; then
    [[ -r "${!file_name}" ]] || fail "$file_name names ${!file_name}, which is not a readable file"
    value="$(< "${!file_name}")"
  fi
  export "$name"="$value"
  unset "$file_name"
}

if [[ "${1:-}" == -* ]]; then set -- postgres "$@"; fi
if [[ "${1:-}" != postgres ]]; then exec "$@"; fi

# Started as root (no runAsUser): make PGDATA and the socket dir postgres's, then drop to it.
if [[ "$(id -u)" == 0 ]]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown -R postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 0700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
fi

mkdir -p "$PGDATA"
chmod 0700 "$PGDATA" 2>/dev/null || true

if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
  env_or_file POSTGRES_PASSWORD
  env_or_file POSTGRES_USER postgres
  env_or_file POSTGRES_DB "$POSTGRES_USER"
  env_or_file POSTGRES_INITDB_ARGS
  auth_method="${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}"
  if [[ -z "$POSTGRES_PASSWORD" && "$auth_method" != trust ]]; then
    fail "PGDATA ($PGDATA) holds no database and POSTGRES_PASSWORD is empty: set POSTGRES_PASSWORD (or POSTGRES_PASSWORD_FILE); POSTGRES_HOST_AUTH_METHOD=trust allows none"
  fi

  log "initializing a new cluster in $PGDATA for user \"$POSTGRES_USER\""
  # The password reaches initdb through a file descriptor, never argv or disk.
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of flags
  initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") \
    --auth-local=trust --auth-host="$auth_method" $POSTGRES_INITDB_ARGS >&2
  printf '\n# Remote hosts (floe stand-in entrypoint)\nhost all all all %s\n' "$auth_method" >> "$PGDATA/pg_hba.conf"

  # A server on the Unix socket only, for the database and the init scripts.
  pg_ctl --pgdata="$PGDATA" --wait --silent --options="-c listen_addresses='' -p 5432" start >&2
  psql_local=(psql --no-psqlrc --set ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --dbname postgres)
  if [[ "$POSTGRES_DB" != postgres ]]; then
    "${psql_local[@]}" --quiet --set db="$POSTGRES_DB" <<< 'CREATE DATABASE :"db";'
  fi
  psql_local[-1]="$POSTGRES_DB"
  shopt -s nullglob
  for script in /docker-entrypoint-initdb.d/*; do
    case "$script" in
      *.sh)
        if [[ -x "$script" ]]; then log "running $script"; "$script"
        else log "sourcing $script"; # shellcheck disable=SC1090
          . "$script"; fi ;;
      *.sql) log "running $script"; "${psql_local[@]}" --file "$script" >&2 ;;
      *.sql.gz) log "running $script"; gunzip --stdout "$script" | "${psql_local[@]}" >&2 ;;
      *) log "ignoring $script (not .sh, .sql or .sql.gz)" ;;
    esac
  done
  pg_ctl --pgdata="$PGDATA" --wait --silent --mode=fast stop >&2
  log "initialization done"
fi

exec "$@"
