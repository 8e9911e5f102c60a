import type { RunAs } from '../kube/pod-security.js';
import { container, envValue } from '../kube/container.js';
import { helperResources } from '../kube/resources.js';
import type { PostgresEndpoint } from './postgres-endpoint.js';

/** How long a setup Job waits for its PostgreSQL to accept connections before it fails. */
const waitSeconds = 120;

/**
 * An init container that waits, polling every second with `pg_isready` (the
 * check the database's own readiness probe runs), until the in-cluster
 * PostgreSQL at `endpoint` accepts connections, for up to two minutes; then
 * the setup Job's own container starts. It runs the database's image, which
 * the node holds for the StatefulSet anyway. With it a setup Job waits for
 * its database itself (`waitsItself`): the Job is created with the first
 * workloads, and its pod is scheduled and started while the database starts
 * (whose headless Service resolves once the database's pod is Ready).
 */
export function waitForPostgresContainer(image: string, endpoint: PostgresEndpoint, runAs: RunAs) {
  const script = [
    'attempt=0',
    'until pg_isready -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$PGDATABASE" -t 2; do',
    '  attempt=$((attempt + 1))',
    `  if [ "$attempt" -ge ${waitSeconds} ]; then echo "PostgreSQL at $PGHOST:$PGPORT did not accept connections within ${waitSeconds} s" >&2; exit 1; fi`,
    '  sleep 1',
    'done',
    'echo "PostgreSQL at $PGHOST:$PGPORT accepts connections"',
  ].join('\n');
  return container({
    name: 'wait-for-database',
    image,
    command: ['/bin/sh', '-c', script],
    env: [envValue('PGHOST', endpoint.host), envValue('PGPORT', String(endpoint.port)), envValue('PGUSER', endpoint.user), envValue('PGDATABASE', endpoint.database)],
    resources: helperResources,
  }, runAs);
}
