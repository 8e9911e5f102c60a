import { randomBytes } from 'node:crypto';
import { KubeClient, ResourceClient } from '@floe/kube';
import { podLog, restrictedContainer, waitForPod, type TestNamespace } from '@floe/local-cluster/testing';

/** A platform namespace as the probes use it (not created or deleted by them). */
export async function platformNamespace(kubeconfig: string, name: string): Promise<TestNamespace> {
  const client = await KubeClient.connect({ kubeconfig });
  return {
    name, client, resources: new ResourceClient(client),
    dispose: () => {
      client.close();
      return Promise.resolve();
    },
  };
}

/** The identity labels a platform component's pods carry (what the NetworkPolicies select). */
export function componentLabels(instance: string, app: { name: string; component: string }): Record<string, string> {
  return { 'app.kubernetes.io/instance': instance, 'app.kubernetes.io/name': app.name, 'app.kubernetes.io/component': app.component };
}

export interface ProbeOptions {
  /** Pod name prefix; a random suffix is added. */
  readonly name: string;
  readonly image: string;
  readonly command: readonly string[];
  /** The labels the probe wears: those of the component whose connection it tries. */
  readonly labels: Record<string, string>;
  readonly env?: readonly Record<string, unknown>[];
  readonly runAsUser?: number;
  readonly timeoutMs?: number;
}

/**
 * Runs its arguments, again every 2 s for up to a minute while they fail
 * because the peer is unreachable: the policy enforcer (kube-router, as
 * other enforcers) programs a new pod's rules a moment after it starts, and
 * its first connections are refused meanwhile. Any other outcome is final.
 */
const untilReachable = [
  'i=0',
  'while :; do',
  '  out=$("$@" 2>&1); code=$?',
  '  if [ "$code" -eq 0 ] || ! printf "%s" "$out" | grep -qiE "connection refused|timed out|unreachable|no route to host"; then break; fi',
  '  i=$((i+1)); if [ "$i" -ge 30 ]; then break; fi',
  '  sleep 2',
  'done',
  'printf "%s\\n" "$out"',
  'exit "$code"',
].join('\n');

/**
 * Runs `command` (once it reaches its peer) in a pod of `ns` that wears a component's labels, under
 * the restricted profile (non-root, read-only root with /tmp writable, no
 * capabilities), and returns its exit code and log; the pod is deleted.
 */
export async function runProbe(ns: TestNamespace, options: ProbeOptions): Promise<{ exitCode: number | undefined; log: string }> {
  const name = `${options.name}-${randomBytes(3).toString('hex')}`;
  await ns.resources.apply({
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: ns.name, labels: { ...options.labels, 'floe.dev/probe': 'true' } },
    spec: {
      restartPolicy: 'Never', terminationGracePeriodSeconds: 1, automountServiceAccountToken: false, enableServiceLinks: false,
      securityContext: { runAsNonRoot: true, runAsUser: options.runAsUser ?? 10001, runAsGroup: options.runAsUser ?? 10001, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{
        name: 'probe', image: options.image, imagePullPolicy: 'Never', command: ['/bin/sh', '-c', untilReachable, 'probe', ...options.command], env: [{ name: 'HOME', value: '/tmp' }, ...(options.env ?? [])],
        securityContext: restrictedContainer, volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
      }],
      volumes: [{ name: 'tmp', emptyDir: {} }],
    },
  });
  try {
    const pod = await waitForPod(ns, name, undefined, options.timeoutMs ?? 120_000);
    return { exitCode: pod.status?.containerStatuses?.[0]?.state?.terminated?.exitCode, log: await podLog(ns, name) };
  } finally {
    await ns.resources.delete({ apiVersion: 'v1', kind: 'Pod', namespace: ns.name, name }).catch(() => false);
  }
}

/** An env entry read from a key of a Secret. */
export const fromSecret = (name: string, secret: string, key: string) => ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });
