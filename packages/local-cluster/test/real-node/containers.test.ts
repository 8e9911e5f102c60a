import type { KubeObject } from '@floe/kube';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestNamespace, eventually, podLog, restrictedContainer, waitForPod, type TestNamespace } from '../../src/testing/index.js';

// Real node (kubelet + containerd): these containers really run.
let ns: TestNamespace;
const jobImage = inject('floeJobImage');
beforeAll(async () => {
  expect(inject('floeNodeKind')).toBe('real');
  expect(jobImage, 'set FLOE_JOB_IMAGE to the floe-job image (scripts/test.sh does: scripts/build-image.sh)').not.toBe('');
  ns = await createTestNamespace(inject('floeKubeconfig'), { prefix: 'containers', podSecurity: 'restricted' });
});
afterAll(async () => {
  await ns.dispose();
});

type JobObject = KubeObject & { status?: { succeeded?: number; failed?: number; conditions?: { type: string; status: string; reason?: string }[] } };

const job = (name: string, command: string[]) => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: ns.name },
  spec: {
    backoffLimit: 0,
    template: {
      metadata: { labels: { test: name } },
      spec: {
        restartPolicy: 'Never', automountServiceAccountToken: false,
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{ name: 'step', image: jobImage, imagePullPolicy: 'Never', command, securityContext: restrictedContainer, volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] }],
        volumes: [{ name: 'tmp', emptyDir: {} }],
      },
    },
  },
});

async function podOfJob(name: string): Promise<string> {
  const pods = await eventually(() => ns.resources.list('v1', 'Pod', { namespace: ns.name, labelSelector: `test=${name}` }), (list) => list.items.length > 0, { what: `a pod of Job ${name}` });
  return pods.items[0]?.metadata.name ?? '';
}

describe('containers on the real node: the floe-job image, exit codes, termination messages, signals', () => {
  it('runs read-only as a non-root user with no capabilities; its output comes back through pods/log', async () => {
    const script = [
      "const fs = require('node:fs');",
      "const status = fs.readFileSync('/proc/self/status', 'utf8');",
      "const capEff = /CapEff:\\s+(\\w+)/.exec(status)[1];",
      "let rootWritable = true; try { fs.writeFileSync('/opt/floe/probe', 'x'); } catch (e) { rootWritable = e.code; }",
      "fs.writeFileSync('/tmp/probe', 'x');",
      "console.log(JSON.stringify({ uid: process.getuid(), gid: process.getgid(), capEff, rootWritable, node: process.version }));",
    ].join(' ');
    await ns.resources.apply(job('identity', ['node', '-e', script]));
    const pod = await podOfJob('identity');
    const finished = await waitForPod(ns, pod);
    expect(finished.status?.phase).toBe('Succeeded');
    expect(finished.spec?.nodeName).toBe('floe-node');
    const report = JSON.parse((await podLog(ns, pod)).trim().split('\n').at(-1) ?? '{}') as { uid: number; gid: number; capEff: string; rootWritable: unknown };
    expect(report.uid).toBe(10001);
    expect(report.gid).toBe(10001);
    expect(report.capEff).toBe('0000000000000000');
    expect(report.rootWritable).toBe('EROFS');
    const done = await eventually(() => ns.resources.get<JobObject>({ apiVersion: 'batch/v1', kind: 'Job', namespace: ns.name, name: 'identity' }), (value) => value?.status?.succeeded === 1, { what: 'Job identity complete' });
    expect(done?.status?.conditions?.some((condition) => condition.type === 'Complete' && condition.status === 'True')).toBe(true);
  });

  it('a failing step: floe-job\'s exit code and termination message reach the pod and the Job status', async () => {
    // No FLOE_STEP: floe-job exits 78 (configuration problem) and writes its summary to /dev/termination-log.
    await ns.resources.apply(job('broken', ['floe-job']));
    const pod = await podOfJob('broken');
    const finished = await waitForPod(ns, pod);
    expect(finished.status?.phase).toBe('Failed');
    const terminated = finished.status?.containerStatuses?.[0]?.state?.terminated;
    expect(terminated?.exitCode).toBe(78);
    expect(terminated?.message ?? '').toMatch(/FLOE_STEP|step/i);
    const failed = await eventually(() => ns.resources.get<JobObject>({ apiVersion: 'batch/v1', kind: 'Job', namespace: ns.name, name: 'broken' }), (value) => value?.status?.failed === 1, { what: 'Job broken failed' });
    const condition = failed?.status?.conditions?.find((entry) => entry.type === 'Failed');
    expect(condition?.status).toBe('True');
    expect(condition?.reason).toBe('BackoffLimitExceeded');
  });

  it('signals: at the pod\'s deadline the kubelet sends SIGTERM, the process\'s own exit code is kept, and its last words are readable', async () => {
    const toolbox = inject('floeToolboxImage');
    await ns.resources.apply({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'deadline', namespace: ns.name },
      spec: {
        restartPolicy: 'Never', activeDeadlineSeconds: 3, terminationGracePeriodSeconds: 10, automountServiceAccountToken: false,
        containers: [{ name: 'main', image: toolbox, imagePullPolicy: 'Never', securityContext: restrictedContainer, command: ['/bin/sh', '-c', "trap 'echo got-term; exit 42' TERM; echo started; while true; do sleep 0.2; done"] }],
      },
    });
    const pod = await waitForPod(ns, 'deadline', (status) => status.containerStatuses?.[0]?.state?.terminated !== undefined);
    expect(pod.status?.phase).toBe('Failed');
    expect(pod.status?.containerStatuses?.[0]?.state?.terminated?.exitCode).toBe(42);
    expect(pod.status?.reason).toBe('DeadlineExceeded');
    expect(await podLog(ns, 'deadline')).toBe('started\ngot-term\n');
  });
});
