import { formatMemory, memoryBytes, type OomRetry } from '@floe/spec';
import type { JobObject } from '../attempt/kube-shapes.js';
import type { AttemptMemory } from '../report/attempt-report.js';
import { stepContainerSpec } from '../submit/step-container-spec.js';

const mebibyte = 2 ** 20;

/** The memory request and limit of a Job's step container. */
export function memoryOfJob(job: JobObject): AttemptMemory {
  const resources = stepContainerSpec(job)?.resources;
  return {
    ...(resources?.requests?.['memory'] ? { request: resources.requests['memory'] } : {}),
    ...(resources?.limits?.['memory'] ? { limit: resources.limits['memory'] } : {}),
  };
}

function scaled(quantity: string, factor: number, cap: number): number | undefined {
  const bytes = memoryBytes(quantity);
  return bytes === undefined ? undefined : Math.min(Math.ceil((bytes * factor) / mebibyte) * mebibyte, cap);
}

/**
 * The memory of the attempt after an OOMKilled one under `retry.onOOM`: the
 * request and the limit multiplied by `memoryFactor` (rounded up to whole
 * Mi), at most `maxMemory` (the request at most the new limit). Undefined
 * when the attempt already had `maxMemory`: another attempt would fail alike.
 */
export function raisedMemory(memory: AttemptMemory, onOOM: OomRetry): AttemptMemory | undefined {
  const cap = memoryBytes(onOOM.maxMemory);
  const base = memory.limit ?? memory.request;
  const baseBytes = base === undefined ? undefined : memoryBytes(base);
  if (cap === undefined || baseBytes === undefined || baseBytes >= cap) return undefined;
  const limit = memory.limit === undefined ? undefined : scaled(memory.limit, onOOM.memoryFactor, cap);
  const requestCap = limit ?? cap;
  const request = memory.request === undefined ? undefined : scaled(memory.request, onOOM.memoryFactor, requestCap);
  return {
    ...(request !== undefined ? { request: formatMemory(request) } : {}),
    ...(limit !== undefined ? { limit: formatMemory(limit) } : {}),
  };
}

/** The Job with its step container's memory request and limit replaced (a copy; the rest untouched). */
export function withMemory(job: JobObject, memory: AttemptMemory): JobObject {
  const copy = structuredClone(job);
  const container = stepContainerSpec(copy);
  if (!container) return copy;
  const resources = (container.resources ??= {});
  if (memory.request) resources.requests = { ...resources.requests, memory: memory.request };
  if (memory.limit) resources.limits = { ...resources.limits, memory: memory.limit };
  return copy;
}
