import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { platformConfigMap, renderPipelineJob, type KubeObject } from '@floe/manifests';
import { inject } from 'vitest';
import { parsePipelineSpec, parsePlatformSpec, type Pipeline, type Platform, type Step } from '@floe/spec';
import { podRunArgs, type PodRun } from './pod-run-args.js';

const examples = new URL('../../../../examples/', import.meta.url);
export const examplesDir = join(new URL('.', examples).pathname);

/** The example platform and pipeline, parsed exactly as `floe render` parses them. */
export function examplePlatform(file = 'platform.yaml'): Platform {
  return parsePlatformSpec(readFileSync(new URL(file, examples), 'utf8'), { file });
}

export function examplePipeline(name: string): Pipeline {
  return parsePipelineSpec(readFileSync(new URL(`pipelines/${name}.yaml`, examples), 'utf8'), { file: `${name}.yaml` });
}

export interface ExamplePod {
  readonly job: KubeObject;
  readonly run: PodRun;
}

/** Fake credentials the kubelet would read from the Secrets the template refers to. */
export function fakeSecretValue(ref: { name: string; key: string }): string {
  return `fake-${ref.name}-${ref.key}`;
}

export interface ExamplePodOptions {
  /** The platform the Job is rendered for (default: examples/platform.yaml). */
  readonly platform?: Platform;
  /** ConfigMap keys to set on top of what `platformConfigMap` renders. */
  readonly configOverrides?: Readonly<Record<string, string>>;
  readonly runId?: string;
}

/**
 * The Job `renderPipelineJob` makes for `step` of the example platform, and
 * the run flags derived from it, with the platform ConfigMap's data from
 * `platformConfigMap`. Every pod gets a fresh host dir for its emptyDirs, as
 * on any cluster: nothing a step writes there reaches another step.
 */
export function examplePod(pipeline: Pipeline, step: Step, options: ExamplePodOptions = {}): ExamplePod {
  const platform = options.platform ?? examplePlatform();
  const hostDir = mkdtempSync(join(tmpdir(), 'floe-image-pod-'));
  const job = renderPipelineJob({ platform, pipeline, step, runId: options.runId ?? 'image-test', attempt: 1 });
  const configMap = platformConfigMap(platform);
  const run = podRunArgs(job, {
    configMaps: { [configMap.metadata.name]: { ...(configMap['data'] as Record<string, string>), ...options.configOverrides } },
    secretValue: fakeSecretValue,
    fields: {
      'metadata.name': `${job.metadata.name}-x7k2p`,
      'metadata.namespace': job.metadata.namespace!,
      'metadata.uid': '00000000-0000-4000-8000-000000000001',
      'spec.nodeName': 'image-test-node',
    },
    hostDir,
    engine: containerEngine(),
  });
  return { job, run };
}

/** The engine scripts/build-image.sh used, as the global setup saw it. */
export function containerEngine(): 'podman' | 'docker' {
  return inject('containerEngine');
}
