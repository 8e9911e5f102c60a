import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes a kubeconfig for a test server into `dir`: one cluster entry (its `cluster` fields as YAML flow text), a token user. */
export function writeFixtureKubeconfig(dir: string, cluster: string): string {
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, [
    'apiVersion: v1', 'kind: Config', 'current-context: test',
    'clusters:', '- name: test', `  cluster: { ${cluster} }`,
    'users:', '- name: test', '  user: { token: test-token }',
    'contexts:', '- name: test', '  context: { cluster: test, user: test }',
  ].join('\n'));
  return kubeconfig;
}
