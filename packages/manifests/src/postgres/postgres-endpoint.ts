import type { PostgresDatabase } from '@floe/spec';
import { ports } from '../kube/ports.js';
import { serviceHost } from '../naming/platform-names.js';

/** How a service reaches its PostgreSQL: the in-cluster StatefulSet or the external server. */
export interface PostgresEndpoint {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly sslMode: string;
}

/** The endpoint of `database`; in cluster, `service` in `namespace` with user and database `owner`. */
export function postgresEndpoint(database: PostgresDatabase, service: string, namespace: string, owner: string): PostgresEndpoint {
  if (database.type === 'external') {
    return { host: database.host, port: database.port, database: database.database, user: database.user, sslMode: database.sslMode };
  }
  return { host: serviceHost(service, namespace), port: ports.postgres, database: owner, user: owner, sslMode: 'disable' };
}
