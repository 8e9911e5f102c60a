import { randomInt } from 'node:crypto';
import { isStatus, type ResourceClient } from '@floe/kube';
import type { GeneratedCredential, GeneratedKey } from '@floe/manifests';

/** Label on Secrets floe generated; prune never deletes them, destroy only with --delete-data. */
export const generatedCredentialLabel = 'floe.dev/generated-credential';

const alphabets: Record<GeneratedKey['alphabet'], string> = {
  alphanumeric: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  hex: '0123456789abcdef',
};

function generate(key: GeneratedKey): string {
  const alphabet = alphabets[key.alphabet];
  let value = '';
  for (let index = 0; index < key.length; index++) value += alphabet.charAt(randomInt(alphabet.length));
  return value;
}

export interface CredentialOutcome {
  readonly secret: string;
  readonly namespace: string;
  readonly action: 'created' | 'kept';
}

/**
 * Creates each generated credential once and never rewrites it: an existing
 * Secret is kept as it is (so database passwords survive upgrades). Every
 * namespace gets the same values; a Secret present in one namespace seeds
 * the others. Values never leave this function except into the API request.
 * `present` (from `secretNames`) says which exist: a Secret is read only to
 * seed a namespace that lacks it.
 */
export async function ensureGeneratedCredentials(resources: ResourceClient, credentials: readonly GeneratedCredential[], labels: Readonly<Record<string, string>>, present: ReadonlySet<string>): Promise<CredentialOutcome[]> {
  const perCredential = await Promise.all(credentials.map(async (credential) => {
    const existing = credential.namespaces.map((namespace) => present.has(`${namespace}/${credential.secretName}`));
    // The values of a namespace that has it seed the namespaces that lack it.
    const seedAt = existing.indexOf(true);
    const seedSecret = seedAt < 0 || existing.every(Boolean) ? undefined : await resources.get({ apiVersion: 'v1', kind: 'Secret', namespace: credential.namespaces[seedAt]!, name: credential.secretName });
    const seed = seedSecret?.['data'] as Record<string, string> | undefined;
    const data: Record<string, string> = {};
    for (const key of credential.keys) data[key.key] = seed?.[key.key] ?? Buffer.from(generate(key)).toString('base64');
    // Every namespace gets the same values, so the namespaces that lack it are written at once.
    return Promise.all(credential.namespaces.map(async (namespace, index): Promise<CredentialOutcome> => {
      if (existing[index]) return { secret: credential.secretName, namespace, action: 'kept' };
      try {
        await resources.create({
          apiVersion: 'v1', kind: 'Secret', type: 'Opaque',
          metadata: { name: credential.secretName, namespace, labels: { ...labels, [generatedCredentialLabel]: 'true' }, annotations: { 'floe.dev/purpose': credential.purpose } },
          data,
        });
        return { secret: credential.secretName, namespace, action: 'created' };
      } catch (error) {
        // Created concurrently by another deploy: theirs is kept.
        if (!isStatus(error, 409)) throw error;
        return { secret: credential.secretName, namespace, action: 'kept' };
      }
    }));
  }));
  return perCredential.flat();
}
