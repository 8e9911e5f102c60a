import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestNamespace, podLog, restrictedContainer, runToolboxPod, serveHttp, waitForPod, type TestNamespace } from '../../src/testing/index.js';

// Real node: CoreDNS, kube-proxy and the kubelet really serve these.
let ns: TestNamespace;
const toolbox = inject('floeToolboxImage');
let clusterIp = '';
beforeAll(async () => {
  expect(inject('floeNodeKind')).toBe('real');
  ns = await createTestNamespace(inject('floeKubeconfig'), { prefix: 'services', podSecurity: 'restricted' });
  clusterIp = (await serveHttp(ns, { name: 'web', image: toolbox, text: 'hello from $(hostname)' })).clusterIp ?? '';
});
afterAll(async () => {
  await ns.dispose();
});

describe('Services and cluster DNS on the real node', () => {
  it('a Service resolves by DNS name from another pod and answers through kube-proxy', async () => {
    const { exitCode, log } = await runToolboxPod(ns, {
      name: 'client', image: toolbox,
      script: `nslookup web.${ns.name}.svc.cluster.local && printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n' | nc -w 5 web 80`,
    });
    expect(log).toContain(clusterIp);
    expect(log).toContain('hello from web');
    expect(exitCode).toBe(0);
  });

  it('names outside the cluster do not resolve (no upstream): they fail fast', async () => {
    const { exitCode, log } = await runToolboxPod(ns, { name: 'outside', image: toolbox, script: 'timeout 8 nslookup registry.npmjs.org; echo "rc=$?"' });
    expect(exitCode).toBe(0);
    expect(log).toMatch(/rc=1\b/);
  });

  it('a pod reaches the API server through the kubernetes Service with its ServiceAccount token', async () => {
    const jobImage = inject('floeJobImage');
    expect(jobImage, 'set FLOE_JOB_IMAGE (the floe-job image has node for an HTTPS client)').not.toBe('');
    await ns.resources.apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'reader', namespace: ns.name } });
    await ns.resources.apply({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'pod-reader', namespace: ns.name }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }] });
    await ns.resources.apply({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'reader', namespace: ns.name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' }, subjects: [{ kind: 'ServiceAccount', name: 'reader', namespace: ns.name }],
    });
    const script = [
      "const dir = '/var/run/secrets/kubernetes.io/serviceaccount';",
      "const token = require('node:fs').readFileSync(dir + '/token', 'utf8');",
      'const url = `https://${process.env.KUBERNETES_SERVICE_HOST}:${process.env.KUBERNETES_SERVICE_PORT}/api/v1/namespaces/${process.env.NS}/pods`;',
      "fetch(url, { headers: { authorization: 'Bearer ' + token } }).then(async (r) => { const body = await r.json(); console.log(JSON.stringify({ status: r.status, host: process.env.KUBERNETES_SERVICE_HOST, pods: (body.items || []).map((p) => p.metadata.name) })); }, (e) => { console.log(JSON.stringify({ error: String(e.cause || e) })); process.exit(1); });",
    ].join(' ');
    await ns.resources.apply({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'api-client', namespace: ns.name },
      spec: {
        restartPolicy: 'Never', serviceAccountName: 'reader',
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{
          name: 'main', image: jobImage, imagePullPolicy: 'Never', command: ['node', '-e', script], securityContext: restrictedContainer,
          env: [{ name: 'NS', value: ns.name }, { name: 'NODE_EXTRA_CA_CERTS', value: '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt' }],
        }],
      },
    });
    const pod = await waitForPod(ns, 'api-client');
    const report = JSON.parse((await podLog(ns, 'api-client')).trim().split('\n').at(-1) ?? '{}') as { status?: number; host?: string; pods?: string[]; error?: string };
    expect(report.error).toBeUndefined();
    expect(report.status).toBe(200);
    expect(report.host).toBe('10.96.0.1');
    expect(report.pods).toContain('api-client');
    expect(pod.status?.phase).toBe('Succeeded');
  });
});
