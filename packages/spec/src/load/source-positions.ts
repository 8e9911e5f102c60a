import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { FieldPath } from '../issues/field-path.js';

/** 1-based line and column. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/**
 * Finds where a field path sits in a parsed YAML document. `at: 'key'` points
 * at the key of the last segment (for unknown or misspelt fields), `'value'`
 * at its value. A path that does not exist (a missing field) resolves to the
 * deepest node that does, so the error still points somewhere useful.
 */
export function locateField(
  document: Document,
  lineCounter: LineCounter,
  path: FieldPath,
  at: 'key' | 'value' = 'value',
): SourcePosition {
  let node: Node | null = document.contents;
  let position = positionOf(node, lineCounter) ?? { line: 1, column: 1 };
  for (const [index, segment] of path.entries()) {
    const isLast = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return position;
      const key = pair.key as Node;
      const value = pair.value as Node | null;
      if (isLast && at === 'key') return positionOf(key, lineCounter) ?? position;
      position = positionOf(value, lineCounter) ?? positionOf(key, lineCounter) ?? position;
      node = value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) return position;
      position = positionOf(item, lineCounter) ?? position;
      node = item;
    } else {
      return position;
    }
  }
  return position;
}

function positionOf(node: Node | null | undefined, lineCounter: LineCounter): SourcePosition | undefined {
  const offset = node?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
