import type { JobObject } from '../attempt/kube-shapes.js';
import { stepContainerSpec } from '../submit/step-container-spec.js';

/**
 * What an attempt's report needs of the Job as submitted — its name, its
 * step container's image and Secret-backed env (the credentials to redact) —
 * so a runner tracking a thousand attempts does not keep a thousand pod
 * templates (each with the step's env and its FLOE_STEP JSON) until they finish.
 */
export function jobForReport(job: JobObject): JobObject {
  const container = stepContainerSpec(job);
  const env = (container?.env ?? []).filter((variable) => variable.valueFrom?.secretKeyRef);
  return {
    apiVersion: job.apiVersion,
    kind: job.kind,
    metadata: { name: job.metadata.name, ...(job.metadata.namespace ? { namespace: job.metadata.namespace } : {}) },
    spec: { template: { spec: { containers: container ? [{ name: container.name, ...(container.image ? { image: container.image } : {}), env }] : [] } } },
  };
}
