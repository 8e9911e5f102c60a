import { statSync } from 'node:fs';
import { defaultDbtProjectDir, platformConfigMap, platformConfigKeys, runtimeEnv, runtimeMounts, type StepInvocation } from '@floe/manifests';
import { describe, expect, it } from 'vitest';
import { examplePipeline, examplePlatform, examplePod } from './example-pod.js';

// The run flags of every image test come from the rendered pod template; this
// pins down what they contain, so a change to the template changes the tests' containers.
const orders = examplePipeline('orders');
const build = orders.spec.steps.find((step) => step.name === 'build-models')!;
const { run } = examplePod(orders, build);
const flag = (name: string) => run.args.flatMap((arg, index) => (arg === name ? [run.args[index + 1]!] : []));

describe('the container run flags derived from renderPipelineJob', () => {
  it('run as the template\'s non-root user, with fsGroup as a supplementary group', () => {
    expect(flag('--user')).toEqual(['10001:10001']);
    expect(flag('--group-add')).toEqual(['10001']);
  });

  it('keep the root filesystem read-only, drop every capability and forbid privilege escalation', () => {
    expect(run.args).toContain('--read-only');
    expect(run.args).toContain('--cap-drop=ALL');
    expect(flag('--security-opt')).toEqual(['no-new-privileges']);
  });

  it('mount writable volumes only at the template\'s emptyDir paths, plus the termination-message file', () => {
    const targets = flag('--volume').map((volume) => volume.split(':')[1]);
    expect(targets).toEqual([runtimeMounts.tmp, runtimeMounts.work, '/dev/termination-log']);
    for (const dir of Object.values(run.volumeDirs)) expect(statSync(dir).gid).toBe(10001);
  });

  it('run the template\'s command with the platform ConfigMap data and the step as env', () => {
    expect(flag('--entrypoint')).toEqual(['["floe-job"]']);
    const data = platformConfigMap(examplePlatform())['data'] as Record<string, string>;
    expect(run.env).toMatchObject(data);
    expect(run.env[platformConfigKeys.platform]).toBe('acme-data');
    const invocation = JSON.parse(run.env[runtimeEnv.step]!) as StepInvocation;
    expect(invocation).toMatchObject({ pipeline: 'orders', platform: 'acme-data', step: { name: 'build-models' } });
    expect(invocation.dbt.projectDir).toBe(defaultDbtProjectDir);
    expect(run.env[runtimeEnv.terminationMessagePath]).toBe('/dev/termination-log');
    expect(run.env[runtimeEnv.otelResourceAttributes]).toContain('k8s.namespace.name=floe-jobs');
    expect(flag('--env')).toContain(`${runtimeEnv.runId}=image-test`);
  });

  it('apply the template\'s CPU and memory limits', () => {
    expect(flag('--cpus')).toEqual(['2']);
    expect(flag('--memory')).toEqual([`${4 * 2 ** 30}b`]);
  });
});
