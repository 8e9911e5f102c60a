import { KubeApiError, KubeClient, ResourceClient } from '@floe/kube';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createTestNamespace, type TestNamespace } from '../../src/testing/index.js';
import { readAdminAccess } from '../../src/kubeconfig/read-admin-access.js';

const namespaces: TestNamespace[] = [];
afterEach(async () => {
  await Promise.all(namespaces.splice(0).map((ns) => ns.dispose()));
});

describe('the API server enforces policy', () => {
  it('rejects a privileged pod in a namespace that enforces Pod Security restricted', async () => {
    const ns = await createTestNamespace(inject('floeKubeconfig'), { prefix: 'psa', podSecurity: 'restricted' });
    namespaces.push(ns);
    const error = await ns.resources.apply({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'root', namespace: ns.name },
      spec: { containers: [{ name: 'main', image: 'busybox:1.36', securityContext: { privileged: true } }] },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KubeApiError);
    expect((error as KubeApiError).statusCode).toBe(403);
    expect((error as KubeApiError).message).toContain('violates PodSecurity "restricted:latest"');
  });

  it('answers 403 to a ServiceAccount token without rights', async () => {
    const ns = await createTestNamespace(inject('floeKubeconfig'), { prefix: 'rbac' });
    namespaces.push(ns);
    await ns.resources.apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'nobody', namespace: ns.name } });
    const token = await ns.client.request<{ status: { token: string } }>({
      method: 'POST', path: `/api/v1/namespaces/${ns.name}/serviceaccounts/nobody/token`,
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 600 } },
    });
    const { server, caCert: ca } = (await readAdminAccess(inject('floeKubeconfig')))!;
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'floe-sa-')), 'kubeconfig');
    writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\ncurrent-context: sa\nclusters:\n- name: c\n  cluster: { server: "${server}", certificate-authority: "${ca}" }\nusers:\n- name: sa\n  user: { token: "${token.status.token}" }\ncontexts:\n- name: sa\n  context: { cluster: c, user: sa }\n`);
    const client = await KubeClient.connect({ kubeconfig });
    try {
      const error = await new ResourceClient(client).list('v1', 'Secret', { namespace: ns.name }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(KubeApiError);
      expect((error as KubeApiError).statusCode).toBe(403);
      expect((error as KubeApiError).message).toContain(`system:serviceaccount:${ns.name}:nobody`);
    } finally {
      client.close();
    }
  });
});
