/** A path into a parsed document: object keys and array indexes. */
export type FieldPath = readonly (string | number)[];

/** `['spec', 'steps', 2, 'name']` -> `spec.steps[2].name`. */
export function formatFieldPath(path: FieldPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text ? `.${segment}` : segment;
  }
  return text;
}
