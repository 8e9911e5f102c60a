import { stringify } from 'yaml';
import type { KubeObject } from '../kube/kube-object.js';

// Objects are built in a fixed key order; the printer keeps it, never aliases
// repeated sub-objects, and never folds long lines, so the bytes are stable.
const options = { sortMapEntries: false, aliasDuplicateObjects: false, lineWidth: 0, minContentWidth: 0 } as const;

/** One YAML document for `value` (config files inside ConfigMaps). */
export function yamlText(value: unknown): string {
  return stringify(value, options);
}

/** Multi-document YAML of `objects`, in the order given. Deterministic: same objects, same bytes. */
export function toYaml(objects: readonly KubeObject[]): string {
  return objects.map((object) => `---\n${stringify(object, options)}`).join('');
}
