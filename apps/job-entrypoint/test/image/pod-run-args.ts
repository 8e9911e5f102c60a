import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeObject } from '@floe/manifests';

/** The parts of a rendered pipeline Job's pod template that decide how its container runs. */
interface PodTemplate {
  terminationGracePeriodSeconds: number;
  securityContext: { runAsUser: number; runAsGroup: number; fsGroup: number; runAsNonRoot: boolean };
  volumes: { name: string; emptyDir?: { medium?: string; sizeLimit?: string } }[];
  containers: {
    name: string;
    command: string[];
    env: { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath: string }; secretKeyRef?: { name: string; key: string } } }[];
    envFrom: { configMapRef: { name: string } }[];
    volumeMounts: { name: string; mountPath: string }[];
    terminationMessagePath: string;
    securityContext: { readOnlyRootFilesystem: boolean; allowPrivilegeEscalation: boolean; capabilities: { drop: string[] } };
    resources: { limits?: { cpu?: string; memory?: string } };
  }[];
}

/** What the kubelet would provide: ConfigMaps by name, Secret values, the pod's downward-API fields. */
export interface PodWorld {
  readonly configMaps: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly secretValue: (ref: { name: string; key: string }) => string;
  readonly fields: Readonly<Record<string, string>>;
  /** Host dir that stands in for the node: emptyDirs and the termination-message file are created in it. */
  readonly hostDir: string;
  /** podman also mounts tmpfs on /tmp, /run and /var/tmp with --read-only unless told not to; docker does not. */
  readonly engine: 'podman' | 'docker';
}

export interface PodRun {
  /** `podman run` flags (without the image and arguments). */
  readonly args: string[];
  /** The container's env as Kubernetes resolves it (envFrom first, then env, `$(VAR)` expanded). */
  readonly env: Record<string, string>;
  /** Host paths of the emptyDirs, by volume name. */
  readonly volumeDirs: Record<string, string>;
  /** Host path of the file mounted at the container's terminationMessagePath. */
  readonly terminationMessageFile: string;
  readonly terminationGracePeriodSeconds: number;
}

export function podTemplateOf(job: KubeObject): PodTemplate {
  return (job['spec'] as { template: { spec: PodTemplate } }).template.spec;
}

/**
 * The `podman run` flags that run the Job's container the way the kubelet
 * would: its user and groups (fsGroup as a supplementary group owning the
 * emptyDirs), read-only root filesystem without podman's own tmpfs mounts,
 * dropped capabilities, no privilege escalation, the emptyDirs as host dirs
 * (tmpfs for medium Memory), the termination-message file, the env with
 * envFrom ConfigMaps, Secrets and downward-API fields resolved, the command
 * and the CPU/memory limits. Derived from the rendered Job, so the image
 * tests and the pod template cannot drift apart.
 */
export function podRunArgs(job: KubeObject, world: PodWorld): PodRun {
  const pod = podTemplateOf(job);
  const container = pod.containers[0]!;
  const { runAsUser, runAsGroup, fsGroup } = pod.securityContext;
  const security = container.securityContext;
  const args = [
    '--user', `${runAsUser}:${runAsGroup}`,
    '--group-add', String(fsGroup),
    ...(security.readOnlyRootFilesystem ? ['--read-only', ...(world.engine === 'podman' ? ['--read-only-tmpfs=false'] : [])] : []),
    ...security.capabilities.drop.map((capability) => `--cap-drop=${capability}`),
    ...(security.allowPrivilegeEscalation ? [] : ['--security-opt', 'no-new-privileges']),
    '--entrypoint', JSON.stringify(container.command),
  ];
  if (container.resources.limits?.cpu) args.push('--cpus', String(cpuCores(container.resources.limits.cpu)));
  if (container.resources.limits?.memory) args.push('--memory', `${memoryBytes(container.resources.limits.memory)}b`);

  const volumeDirs: Record<string, string> = {};
  for (const mount of container.volumeMounts) {
    const volume = pod.volumes.find((candidate) => candidate.name === mount.name)!;
    if (!volume.emptyDir) throw new Error(`volume ${volume.name}: only emptyDir volumes are supported here`);
    if (volume.emptyDir.medium === 'Memory') {
      args.push('--mount', `type=tmpfs,destination=${mount.mountPath},tmpfs-mode=1777`);
      continue;
    }
    // As the kubelet makes an emptyDir: mode 0777, group fsGroup with setgid.
    const dir = join(world.hostDir, 'volumes', volume.name);
    mkdirSync(dir, { recursive: true });
    chownSync(dir, 0, fsGroup);
    chmodSync(dir, 0o2777);
    volumeDirs[volume.name] = dir;
    args.push('--volume', `${dir}:${mount.mountPath}:rw`);
  }

  // The kubelet creates it empty with mode 0666, so any user can write it.
  const terminationMessageFile = join(world.hostDir, 'termination-log');
  writeFileSync(terminationMessageFile, '');
  chmodSync(terminationMessageFile, 0o666);
  args.push('--volume', `${terminationMessageFile}:${container.terminationMessagePath}:rw`);

  const env: Record<string, string> = {};
  for (const source of container.envFrom) {
    const data = world.configMaps[source.configMapRef.name];
    if (!data) throw new Error(`ConfigMap ${source.configMapRef.name} is not in the test's world`);
    Object.assign(env, data);
  }
  for (const entry of container.env) {
    env[entry.name] = envValue(entry, world, env);
  }
  for (const [name, value] of Object.entries(env)) args.push('--env', `${name}=${value}`);

  return { args, env, volumeDirs, terminationMessageFile, terminationGracePeriodSeconds: pod.terminationGracePeriodSeconds };
}

function envValue(entry: PodTemplate['containers'][number]['env'][number], world: PodWorld, defined: Record<string, string>): string {
  if (entry.value !== undefined) {
    // Kubernetes expands $(VAR) with variables defined earlier; $$ escapes.
    return entry.value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (match, name?: string) =>
      match === '$$' ? '$' : (name !== undefined && name in defined ? defined[name]! : match));
  }
  const fieldPath = entry.valueFrom?.fieldRef?.fieldPath;
  if (fieldPath !== undefined) {
    const value = world.fields[fieldPath];
    if (value === undefined) throw new Error(`downward-API field ${fieldPath} is not in the test's world`);
    return value;
  }
  const ref = entry.valueFrom?.secretKeyRef;
  if (!ref) throw new Error(`env ${entry.name}: unsupported source ${JSON.stringify(entry.valueFrom)}`);
  return world.secretValue(ref);
}

function cpuCores(quantity: string): number {
  return quantity.endsWith('m') ? Number(quantity.slice(0, -1)) / 1000 : Number(quantity);
}

function memoryBytes(quantity: string): number {
  const units: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9 };
  const match = /^(\d+(?:\.\d+)?)([A-Za-z]*)$/.exec(quantity);
  if (!match) throw new Error(`unsupported memory quantity ${quantity}`);
  return Math.round(Number(match[1]) * (match[2] ? units[match[2]]! : 1));
}
