import { containerSecurityContext, type RunAs } from './pod-security.js';

export interface Probe {
  readonly [field: string]: unknown;
}

export interface ContainerInput {
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly ports?: readonly { name: string; containerPort: number; protocol?: 'TCP' | 'UDP' }[];
  readonly env?: readonly Record<string, unknown>[];
  readonly envFrom?: readonly Record<string, unknown>[];
  readonly resources: { requests: Record<string, string>; limits: Record<string, string> };
  readonly volumeMounts?: readonly { name: string; mountPath: string; subPath?: string; readOnly?: boolean }[];
  readonly startupProbe?: Probe;
  readonly livenessProbe?: Probe;
  readonly readinessProbe?: Probe;
  readonly workingDir?: string;
}

/** A container in floe's fixed key order, with the restricted security context. */
export function container(input: ContainerInput, runAs: RunAs) {
  return {
    name: input.name,
    image: input.image,
    imagePullPolicy: 'IfNotPresent',
    ...(input.command ? { command: [...input.command] } : {}),
    ...(input.args ? { args: [...input.args] } : {}),
    ...(input.workingDir ? { workingDir: input.workingDir } : {}),
    ...(input.ports?.length ? { ports: input.ports.map((port) => ({ name: port.name, containerPort: port.containerPort, protocol: port.protocol ?? 'TCP' })) } : {}),
    ...(input.env?.length ? { env: [...input.env] } : {}),
    ...(input.envFrom?.length ? { envFrom: [...input.envFrom] } : {}),
    resources: input.resources,
    ...(input.volumeMounts?.length ? { volumeMounts: [...input.volumeMounts] } : {}),
    ...(input.startupProbe ? { startupProbe: input.startupProbe } : {}),
    ...(input.livenessProbe ? { livenessProbe: input.livenessProbe } : {}),
    ...(input.readinessProbe ? { readinessProbe: input.readinessProbe } : {}),
    securityContext: containerSecurityContext(runAs),
    terminationMessagePolicy: 'FallbackToLogsOnError',
  };
}

/** `name=value` env entries. */
export function envValue(name: string, value: string) {
  return { name, value };
}

/** An env entry from one key of a Secret. */
export function envFromSecret(name: string, secret: string, key: string) {
  return { name, valueFrom: { secretKeyRef: { name: secret, key } } };
}

/** An env entry from the downward API. */
export function envFromField(name: string, fieldPath: string) {
  return { name, valueFrom: { fieldRef: { fieldPath } } };
}

/** HTTP GET probe with explicit timings. */
export function httpProbe(path: string, port: string | number, timing: ProbeTiming = {}) {
  return { httpGet: { path, port, scheme: 'HTTP' }, ...probeTiming(timing) };
}

/** TCP probe with explicit timings. */
export function tcpProbe(port: string | number, timing: ProbeTiming = {}) {
  return { tcpSocket: { port }, ...probeTiming(timing) };
}

/** Exec probe with explicit timings. */
export function execProbe(command: readonly string[], timing: ProbeTiming = {}) {
  return { exec: { command: [...command] }, ...probeTiming(timing) };
}

export interface ProbeTiming {
  readonly initialDelaySeconds?: number;
  readonly periodSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly failureThreshold?: number;
}

function probeTiming(timing: ProbeTiming) {
  return {
    initialDelaySeconds: timing.initialDelaySeconds ?? 0,
    periodSeconds: timing.periodSeconds ?? 10,
    timeoutSeconds: timing.timeoutSeconds ?? 5,
    failureThreshold: timing.failureThreshold ?? 3,
  };
}
