import { Document, isScalar, parse, visit } from 'yaml';
import type { KubeObject } from '../kube/kube-object.js';

// Objects are built in a fixed key order; the printer keeps it, never aliases
// repeated sub-objects, and never folds long lines, so the bytes are stable.
const options = { sortMapEntries: false, aliasDuplicateObjects: false, lineWidth: 0, minContentWidth: 0 } as const;

/**
 * True when a reader would not take `text` for a string under YAML 1.2 (this
 * library, client-go's sigs.k8s.io/yaml for most values) or YAML 1.1 (the
 * go-yaml v2 readers of kubectl and many operators: `off`, `yes`, `y` are
 * booleans there, `0o12` is a string in 1.1 but 10 in 1.2).
 */
function readAsNonString(text: string): boolean {
  // Booleans, nulls, numbers and dates of either version are made of these characters only, and each is one of a few
  // words or starts with a digit, a sign or a dot (.inf, .nan): no parse for the rest (most names and values).
  if (!/^[\w.:+\- ~]{1,64}$/.test(text)) return false;
  if (!/^[\d+\-.~]/.test(text) && !/^(?:y|yes|n|no|true|false|on|off|null)$/i.test(text)) return false;
  try {
    return typeof parse(text) !== 'string' || typeof parse(text, { version: '1.1' }) !== 'string';
  } catch {
    return false;
  }
}

function stringifyUnambiguous(value: unknown): string {
  const document = new Document(value, options);
  // Quote every string that either YAML version would read as a boolean, number, null or timestamp.
  visit(document, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && node.type === undefined && readAsNonString(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return document.toString(options);
}

/** One YAML document for `value` (config files inside ConfigMaps). */
export function yamlText(value: unknown): string {
  return stringifyUnambiguous(value);
}

/** Multi-document YAML of `objects`, in the order given. Deterministic: same objects, same bytes. */
export function toYaml(objects: readonly KubeObject[]): string {
  return objects.map((object) => `---\n${stringifyUnambiguous(object)}`).join('');
}
