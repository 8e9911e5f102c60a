/** How a value is named in messages: scalars as themselves, collections by their shape. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return typeof value;
}

/** The type of a value as messages name it ("text", "a list", "number"). */
export function describeType(value: unknown): string {
  if (typeof value === 'string') return 'text';
  if (value === null || typeof value === 'object') return describeValue(value);
  return typeof value;
}
