import { writeFileSync } from 'node:fs';

/** The admin access of a local cluster: where it listens and the files that authenticate to it. */
export interface AdminAccess {
  readonly server: string;
  readonly caCert: string;
  readonly clientCert: string;
  readonly clientKey: string;
}

/**
 * Writes a kubeconfig for the admin user of a local cluster (certificates by
 * path). JSON, which is YAML too: any path (spaces, `#`, `: `) stays one
 * value, for kubectl and for `readAdminAccess`.
 */
export function writeKubeconfig(path: string, options: AdminAccess & { name: string }): void {
  const { name } = options;
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': name,
    clusters: [{ name, cluster: { server: options.server, 'certificate-authority': options.caCert } }],
    users: [{ name: `${name}-admin`, user: { 'client-certificate': options.clientCert, 'client-key': options.clientKey } }],
    contexts: [{ name, context: { cluster: name, user: `${name}-admin` } }],
  };
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
}
