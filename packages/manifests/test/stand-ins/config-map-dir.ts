import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeObject } from '../../src/kube/kube-object.js';

/** A host dir holding the data of the rendered ConfigMap `name`, one file per key, as the kubelet projects a ConfigMap volume. */
export function configMapDir(objects: readonly KubeObject[], name: string, parent: string): string {
  const configMap = objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name === name);
  if (!configMap) throw new Error(`the render has no ConfigMap ${name}`);
  const dir = join(parent, `config-map-${name}`);
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  for (const [key, value] of Object.entries(configMap['data'] as Record<string, string>)) writeFileSync(join(dir, key), value, { mode: 0o644 });
  return dir;
}
