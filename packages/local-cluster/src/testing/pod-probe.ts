import type { KubeObject } from '@floe/kube';
import type { TestNamespace } from './test-namespace.js';
import { eventually } from './test-namespace.js';
import { whyPodsWait } from '../readiness/why-pods-wait.js';
import { realNodeName } from '../node/real-node.js';

/** The parts of a Pod's status the real-node tests read. */
export interface PodStatus {
  readonly phase?: string;
  readonly reason?: string;
  readonly podIP?: string;
  readonly nodeName?: string;
  readonly conditions?: readonly { type: string; status: string }[];
  readonly containerStatuses?: readonly {
    name: string;
    ready: boolean;
    restartCount: number;
    state?: { running?: object; waiting?: { reason?: string }; terminated?: { exitCode: number; reason?: string; message?: string } };
    lastState?: { terminated?: { exitCode: number; reason?: string } };
  }[];
}

export type PodObject = KubeObject & { spec?: { nodeName?: string }; status?: PodStatus };

/** Reads a pod of the test namespace. */
export function getPod(ns: TestNamespace, name: string): Promise<PodObject | undefined> {
  return ns.resources.get<PodObject>({ apiVersion: 'v1', kind: 'Pod', namespace: ns.name, name });
}

/**
 * Waits until the pod's status satisfies `accept` (default: phase Succeeded or
 * Failed); returns the pod. A time-out says why it waits (whyPodsWait: its
 * scheduling, its containers, and its node, or the real node while unscheduled).
 */
export async function waitForPod(ns: TestNamespace, name: string, accept: (status: PodStatus) => boolean = (status) => status.phase === 'Succeeded' || status.phase === 'Failed', timeoutMs = 60_000): Promise<PodObject> {
  const pod = await eventually(() => getPod(ns, name), (value) => value?.status !== undefined && accept(value.status), {
    timeoutMs, what: `pod ${name}`, explain: (last) => whyPodsWait(ns.resources, { namespace: ns.name, name }, last?.spec?.nodeName ?? realNodeName),
  });
  if (!pod) throw new Error(`pod ${name} is gone`);
  return pod;
}

/** The pod's container log, read through the API server's `pods/log` (which asks the node's kubelet). */
export async function podLog(ns: TestNamespace, name: string, container?: string): Promise<string> {
  const response = await ns.client.stream({ path: `/api/v1/namespaces/${ns.name}/pods/${name}/log`, query: container ? { container } : {} });
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A restricted-profile container security context (non-root, read-only root, no capabilities). */
export const restrictedContainer = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
} as const;

/**
 * Runs `script` with the toolbox's sh in a pod that ends (restartPolicy
 * Never) and returns its final status and log. For connection tests from
 * inside the cluster.
 */
export async function runToolboxPod(ns: TestNamespace, options: { name: string; image: string; script: string; labels?: Record<string, string>; timeoutMs?: number }): Promise<{ status: PodStatus; log: string; exitCode: number | undefined }> {
  await ns.resources.apply({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: options.name, namespace: ns.name, labels: options.labels ?? {} },
    spec: {
      restartPolicy: 'Never', terminationGracePeriodSeconds: 1, automountServiceAccountToken: false,
      containers: [{ name: 'main', image: options.image, imagePullPolicy: 'Never', command: ['/bin/sh', '-c', options.script], securityContext: restrictedContainer }],
    },
  });
  const pod = await waitForPod(ns, options.name, undefined, options.timeoutMs);
  const status = pod.status ?? {};
  return { status, log: await podLog(ns, options.name), exitCode: status.containerStatuses?.[0]?.state?.terminated?.exitCode };
}

/** True once the pod's Ready condition is True. */
export const isReady = (status: PodStatus): boolean => status.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') === true;

/**
 * A toolbox pod serving `text` at `/index.html` on port 8080 (busybox httpd,
 * restricted profile, /tmp on an emptyDir), with `probes` (default: a TCP
 * readiness probe), optionally behind a Service of the same name (port 80).
 * Waits until Running (Ready when it has a readiness probe); returns the
 * Service's ClusterIP when there is one.
 */
export async function serveHttp(ns: TestNamespace, options: { name: string; image: string; text?: string; service?: boolean; probes?: Record<string, unknown> }): Promise<{ clusterIp: string | undefined }> {
  const probes = options.probes ?? { readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 1 } };
  await ns.resources.apply({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: options.name, namespace: ns.name, labels: { app: options.name } },
    spec: {
      terminationGracePeriodSeconds: 1, automountServiceAccountToken: false,
      containers: [{
        name: 'web', image: options.image, imagePullPolicy: 'Never', securityContext: restrictedContainer,
        command: ['/bin/sh', '-c', `mkdir -p /tmp/www && echo "${options.text ?? 'ok'}" > /tmp/www/index.html && exec httpd -f -p 8080 -h /tmp/www`],
        ports: [{ containerPort: 8080 }], ...probes,
        volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
      }],
      volumes: [{ name: 'tmp', emptyDir: {} }],
    },
  });
  let clusterIp: string | undefined;
  if (options.service !== false) {
    const service = await ns.resources.apply<KubeObject & { spec?: { clusterIP?: string } }>({ apiVersion: 'v1', kind: 'Service', metadata: { name: options.name, namespace: ns.name }, spec: { selector: { app: options.name }, ports: [{ port: 80, targetPort: 8080 }] } });
    clusterIp = service.spec?.clusterIP;
  }
  await waitForPod(ns, options.name, 'readinessProbe' in probes ? isReady : (status) => status.phase === 'Running');
  return { clusterIp };
}
