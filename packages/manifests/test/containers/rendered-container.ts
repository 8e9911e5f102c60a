import { chmodSync, chownSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeObject } from '../../src/kube/kube-object.js';

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}
interface Probe {
  exec?: { command: string[] };
  httpGet?: { path: string; port: string | number };
}
interface Container {
  name: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  volumeMounts?: { name: string; mountPath: string; subPath?: string; readOnly?: boolean }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  ports?: { name: string; containerPort: number }[];
  securityContext?: { runAsUser?: number; runAsGroup?: number; readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean; capabilities?: { drop?: string[] } };
}
interface Volume {
  name: string;
  emptyDir?: { medium?: string };
  configMap?: { name: string };
}
interface PodSpec {
  securityContext: { runAsUser: number; runAsGroup: number; fsGroup: number };
  containers: Container[];
  volumes?: Volume[];
}

/** One container of a rendered workload, with its pod and the names of its claim templates. */
export interface RenderedContainer {
  readonly workload: KubeObject;
  readonly pod: PodSpec;
  readonly container: Container;
  readonly claimNames: readonly string[];
}

/** The container `containerName` of the rendered Deployment, StatefulSet or Job `name` (a Job's name may be given by its prefix). */
export function renderedContainer(objects: readonly KubeObject[], name: string, containerName: string): RenderedContainer {
  const workload = objects.find((object) => (['Deployment', 'StatefulSet'].includes(object.kind) && object.metadata.name === name) || (object.kind === 'Job' && object.metadata.name.startsWith(name)));
  if (!workload) throw new Error(`the render has no Deployment, StatefulSet or Job ${name}`);
  const spec = workload['spec'] as { template: { spec: PodSpec }; volumeClaimTemplates?: { metadata: { name: string } }[] };
  const container = spec.template.spec.containers.find((candidate) => candidate.name === containerName);
  if (!container) throw new Error(`${name} has no container ${containerName}`);
  return { workload, pod: spec.template.spec, container, claimNames: (spec.volumeClaimTemplates ?? []).map((claim) => claim.metadata.name) };
}

/** What the kubelet would take from outside the pod spec: Secret values, ConfigMap dirs, claim dirs. */
export interface PodInputs {
  /** `secretName/key` -> value, for env `valueFrom.secretKeyRef`. */
  readonly secrets?: Record<string, string>;
  /** Volume name (a ConfigMap volume or a claim template) -> host dir. */
  readonly volumes?: Record<string, string>;
  /** Env values added or replaced (for what the render leaves to another component, e.g. a downward-API `fieldRef`). */
  readonly env?: Record<string, string>;
}

/**
 * `podman run` flags for a rendered container as the kubelet would run it:
 * its user and fsGroup, read-only root without podman's own tmpfs mounts, the
 * dropped capabilities, no privilege escalation, every emptyDir as a tmpfs
 * (mode 0777, as the kubelet makes an emptyDir), ConfigMap volumes read-only
 * (a subPath mounts one file), claims as the host dirs given, the env values
 * (Secret references resolved from `inputs.secrets`) and the rendered command
 * as the entrypoint. The rendered args go after the image: see {@link renderedArgs}.
 */
export function podmanRunFlags({ pod, container, claimNames }: RenderedContainer, inputs: PodInputs = {}): string[] {
  const security = container.securityContext ?? {};
  const user = security.runAsUser ?? pod.securityContext.runAsUser;
  const group = security.runAsGroup ?? pod.securityContext.runAsGroup;
  const flags = ['--user', `${user}:${group}`, '--group-add', String(pod.securityContext.fsGroup)];
  if (security.readOnlyRootFilesystem) flags.push('--read-only', '--read-only-tmpfs=false');
  if (security.allowPrivilegeEscalation === false) flags.push('--security-opt', 'no-new-privileges');
  for (const capability of security.capabilities?.drop ?? []) flags.push('--cap-drop', capability.toLowerCase());
  for (const mount of container.volumeMounts ?? []) {
    const volume = (pod.volumes ?? []).find((candidate) => candidate.name === mount.name);
    if (volume?.emptyDir) {
      flags.push('--tmpfs', `${mount.mountPath}:rw,exec,mode=0777`);
      continue;
    }
    const source = inputs.volumes?.[mount.name];
    if (!source) {
      if (volume?.configMap || claimNames.includes(mount.name)) throw new Error(`no host dir given for volume ${mount.name} (${mount.mountPath})`);
      throw new Error(`volume ${mount.name} is neither an emptyDir, a ConfigMap nor a claim template`);
    }
    const readOnly = mount.readOnly || Boolean(volume?.configMap);
    flags.push('-v', `${mount.subPath ? join(source, mount.subPath) : source}:${mount.mountPath}${readOnly ? ':ro' : ''}`);
  }
  const env = new Map<string, string>();
  for (const entry of container.env ?? []) {
    const ref = entry.valueFrom?.secretKeyRef;
    const value = entry.value ?? (ref ? inputs.secrets?.[`${ref.name}/${ref.key}`] : inputs.env?.[entry.name]);
    if (value === undefined) throw new Error(`no value for env ${entry.name} (${ref ? `Secret ${ref.name}/${ref.key}` : 'give it in inputs.env'})`);
    env.set(entry.name, value);
  }
  for (const [name, value] of Object.entries(inputs.env ?? {})) env.set(name, value);
  for (const [name, value] of env) flags.push('-e', `${name}=${value}`);
  if (container.command) flags.push('--entrypoint', JSON.stringify(container.command));
  return flags;
}

/** The rendered container args (what goes after the image in `podman run`). */
export function renderedArgs({ container }: RenderedContainer): string[] {
  return container.args ?? [];
}

/** A host dir as the kubelet makes a claim's volume with an fsGroup: owned by root, group fsGroup, setgid, group-writable. */
export function claimDir(parent: string, name: string, fsGroup: number): string {
  const dir = join(parent, name);
  mkdirSync(dir, { recursive: true });
  chownSync(dir, 0, fsGroup);
  chmodSync(dir, 0o2775);
  return dir;
}
