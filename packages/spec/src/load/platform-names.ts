import { parseAllDocuments } from 'yaml';

/**
 * The `metadata.name` of every `kind: Platform` document in `text`, read
 * leniently (a document that fails validation still names its platform),
 * so that pipelines given with an invalid platform are checked in the same
 * pass: against its name, not against nothing.
 */
export function platformNamesIn(text: string): string[] {
  const names: string[] = [];
  for (const document of parseAllDocuments(text, { logLevel: 'silent' })) {
    if (document.errors.length > 0) continue;
    let data: unknown;
    try {
      data = document.toJS({ maxAliasCount: 100 });
    } catch {
      continue;
    }
    const record = data as { kind?: unknown; metadata?: { name?: unknown } } | null;
    if (record?.kind === 'Platform' && typeof record.metadata?.name === 'string') names.push(record.metadata.name);
  }
  return names;
}
