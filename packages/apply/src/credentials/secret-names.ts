import type { ResourceClient } from '@floe/kube';

/**
 * The names of the Secrets in each of `namespaces` (`namespace/name`), from one metadata-only LIST per
 * namespace: no values are read. A namespace that does not exist yet has none.
 */
export async function secretNames(resources: ResourceClient, namespaces: readonly string[]): Promise<Set<string>> {
  const lists = await Promise.all([...new Set(namespaces)].map((namespace) => resources.list('v1', 'Secret', { namespace, metadataOnly: true })));
  return new Set(lists.flatMap((list) => list.items.map((item) => `${item.metadata.namespace ?? ''}/${item.metadata.name}`)));
}
