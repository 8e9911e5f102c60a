import { writeFileSync } from 'node:fs';

/** Writes a kubeconfig for a client-certificate user of a local cluster (the admin by default; certificates by path). */
export function writeKubeconfig(path: string, options: { server: string; name: string; caCert: string; clientCert: string; clientKey: string; user?: string }): void {
  const user = options.user ?? `${options.name}-admin`;
  writeFileSync(path, [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${options.name}`,
    'clusters:',
    `- name: ${options.name}`,
    '  cluster:',
    `    server: ${options.server}`,
    `    certificate-authority: ${options.caCert}`,
    'users:',
    `- name: ${user}`,
    '  user:',
    `    client-certificate: ${options.clientCert}`,
    `    client-key: ${options.clientKey}`,
    'contexts:',
    `- name: ${options.name}`,
    '  context:',
    `    cluster: ${options.name}`,
    `    user: ${user}`,
    '',
  ].join('\n'), { mode: 0o600 });
}
