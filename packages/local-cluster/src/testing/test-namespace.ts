import { randomBytes } from 'node:crypto';
import { KubeClient, ResourceClient } from '@floe/kube';

/** What an integration test gets: a client on the shared cluster and its own namespace. */
export interface TestNamespace {
  readonly name: string;
  readonly client: KubeClient;
  readonly resources: ResourceClient;
  /** Deletes the namespace (without waiting) and closes the client. */
  dispose(): Promise<void>;
}

/**
 * Creates a fresh namespace for one test on the cluster of `kubeconfig`.
 * `podSecurity: 'restricted'` labels it to enforce the restricted profile.
 */
export async function createTestNamespace(kubeconfig: string, options: { prefix?: string; podSecurity?: 'restricted' | 'baseline' } = {}): Promise<TestNamespace> {
  const client = await KubeClient.connect({ kubeconfig });
  const resources = new ResourceClient(client);
  const name = `${options.prefix ?? 'test'}-${randomBytes(4).toString('hex')}`;
  await resources.apply({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: {
        'floe.dev/test': 'true',
        ...(options.podSecurity ? { 'pod-security.kubernetes.io/enforce': options.podSecurity, 'pod-security.kubernetes.io/enforce-version': 'latest' } : {}),
      },
    },
  });
  return {
    name,
    client,
    resources,
    async dispose() {
      await resources.delete({ apiVersion: 'v1', kind: 'Namespace', name }).catch(() => false);
      client.close();
    },
  };
}

/**
 * Polls `read` until `accept` holds for its value; returns that value, or
 * throws after `timeoutMs` with `explain(last value)` when given (say why it
 * is stuck), else the last value seen.
 */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, options: { timeoutMs?: number; intervalMs?: number; what?: string; explain?: (last: T) => Promise<string> } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (accept(last)) return last;
    if (Date.now() > deadline) {
      const seen = options.explain ? await options.explain(last) : `last value: ${JSON.stringify(last)?.slice(0, 2000)}`;
      throw new Error(`timed out waiting for ${options.what ?? 'a condition'}; ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 200));
  }
}
