import { writeFileSync } from 'node:fs';

/** The admin access of a local cluster: where it listens and the files that authenticate to it. */
export interface AdminAccess {
  readonly server: string;
  readonly caCert: string;
  readonly clientCert: string;
  readonly clientKey: string;
}

/**
 * Writes a kubeconfig for a client-certificate user of a local cluster (the
 * admin by default; certificates by path). JSON, which is YAML too: any path
 * (spaces, `#`, `: `) stays one value, for kubectl and for `readAdminAccess`.
 */
export function writeKubeconfig(path: string, options: AdminAccess & { name: string; user?: string }): void {
  const { name } = options;
  const user = options.user ?? `${name}-admin`;
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': name,
    clusters: [{ name, cluster: { server: options.server, 'certificate-authority': options.caCert } }],
    users: [{ name: user, user: { 'client-certificate': options.clientCert, 'client-key': options.clientKey } }],
    contexts: [{ name, context: { cluster: name, user } }],
  };
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
}
