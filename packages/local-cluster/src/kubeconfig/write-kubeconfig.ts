import { writeFileSync } from 'node:fs';

/** Writes a kubeconfig for the admin user of a local cluster (certificates by path). */
export function writeKubeconfig(path: string, options: { server: string; name: string; caCert: string; clientCert: string; clientKey: string }): void {
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
    `- name: ${options.name}-admin`,
    '  user:',
    `    client-certificate: ${options.clientCert}`,
    `    client-key: ${options.clientKey}`,
    'contexts:',
    `- name: ${options.name}`,
    '  context:',
    `    cluster: ${options.name}`,
    `    user: ${options.name}-admin`,
    '',
  ].join('\n'), { mode: 0o600 });
}
