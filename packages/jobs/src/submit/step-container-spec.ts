import { pipelineContainerName } from '@floe/manifests';
import type { JobObject } from '../attempt/kube-shapes.js';

/** The fields of the step container in a Job's pod template that the runner reads or sets. */
export interface StepContainerSpec {
  name: string;
  image?: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  env?: { name: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
}

/** The step container of a Job's pod template (the pipeline container, else the first). */
export function stepContainerSpec(job: JobObject): StepContainerSpec | undefined {
  const containers = (job.spec as { template?: { spec?: { containers?: StepContainerSpec[] } } } | undefined)?.template?.spec?.containers ?? [];
  return containers.find((container) => container.name === pipelineContainerName) ?? containers[0];
}
