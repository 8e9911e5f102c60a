// Helpers of deploy.bench.mjs: running kubectl, waiting for a namespace to settle, medians.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Runs kubectl; resolves with its output, rejects on an exit code not in `okCodes`. */
export function kubectl(binary, args, { okCodes = [0] } = {}) {
  return new Promise((resolve, reject) => {
    execFile(binary, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      if (!okCodes.includes(code)) reject(new Error(`kubectl ${args.join(' ')} exited ${code}: ${stderr || stdout}`));
      else resolve({ code, stdout, stderr });
    });
  });
}

/** Generated-credential Secrets with random values, so kubectl deploys what floe creates besides the rendered objects. */
export function credentialSecrets(credentials) {
  return credentials.flatMap((credential) => {
    const data = Object.fromEntries(credential.keys.map((key) => [key.key, Buffer.from(randomBytes(key.length).toString('hex').slice(0, key.length)).toString('base64')]));
    return credential.namespaces.map((namespace) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: credential.secretName, namespace }, type: 'Opaque', data }));
  });
}

const podDone = (pod) => pod.status?.phase === 'Succeeded'
  || (pod.status?.phase === 'Running' && (pod.status.conditions ?? []).some((condition) => condition.type === 'Ready' && condition.status === 'True'));
const rolledOut = (workload) => {
  const wanted = workload.spec?.replicas ?? 1;
  const status = workload.status ?? {};
  return (status.observedGeneration ?? 0) >= (workload.metadata.generation ?? 0)
    && (status.replicas ?? 0) === wanted && (status.updatedReplicas ?? 0) === wanted && (status.readyReplicas ?? 0) === wanted;
};
const jobDone = (job) => (job.status?.conditions ?? []).some((condition) => condition.type === 'Complete' && condition.status === 'True');

/**
 * Waits (outside any measured window) until the controllers are done with
 * `namespaces`: workloads rolled out, jobs complete, every pod Ready or
 * Succeeded and none terminating; so one measurement's aftermath does not
 * slow the next. Returns how long it took; gives up after `timeoutMs`.
 */
export async function settle(resources, namespaces, { timeoutMs = 60_000 } = {}) {
  const started = performance.now();
  for (;;) {
    const lists = await Promise.all(namespaces.flatMap((namespace) => [
      resources.list('apps/v1', 'Deployment', { namespace }).then((list) => list.items.every(rolledOut)),
      resources.list('apps/v1', 'StatefulSet', { namespace }).then((list) => list.items.every(rolledOut)),
      resources.list('batch/v1', 'Job', { namespace }).then((list) => list.items.every(jobDone)),
      resources.list('v1', 'Pod', { namespace }).then((list) => list.items.every((pod) => !pod.metadata.deletionTimestamp && podDone(pod))),
    ]));
    if (lists.every(Boolean)) return performance.now() - started;
    if (performance.now() - started > timeoutMs) {
      process.stderr.write(`warning: ${namespaces.join(', ')} not settled after ${timeoutMs / 1000} s; going on\n`);
      return performance.now() - started;
    }
    await sleep(250);
  }
}

/**
 * CPU time (ms) used by this process (`self`: floe runs in-process) and by its
 * exited, reaped children (`children`: the kubectl processes), from /proc (Linux).
 */
export function cpuTimes() {
  const own = process.cpuUsage();
  let children = Number.NaN;
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    children = (Number(fields[13]) + Number(fields[14])) * 10; // cutime + cstime, in 1/100 s ticks
  } catch {
    // Not Linux: no child CPU figure.
  }
  return { self: (own.user + own.system) / 1000, children };
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** What kubectl's side waits for after its apply: each PVC, StatefulSet, Deployment and Job, in the rendered order. */
export function kubectlWaitTargets(objects) {
  return objects.filter((object) => ['Deployment', 'StatefulSet', 'Job', 'PersistentVolumeClaim'].includes(object.kind))
    .map((object) => ({ kind: object.kind, name: object.metadata.name, namespace: object.metadata.namespace }));
}

/** The kubectl command that waits for one target: `wait` for Jobs (complete) and PVCs (Bound), `rollout status` otherwise. */
export function kubectlWaitArgs({ kind, name, namespace }, timeoutSeconds) {
  const timeout = `--timeout=${timeoutSeconds}s`;
  if (kind === 'Job') return ['wait', '--for=condition=complete', `job/${name}`, '-n', namespace, timeout];
  if (kind === 'PersistentVolumeClaim') return ['wait', '--for=jsonpath={.status.phase}=Bound', `pvc/${name}`, '-n', namespace, timeout];
  return ['rollout', 'status', `${kind.toLowerCase()}/${name}`, '-n', namespace, timeout];
}
