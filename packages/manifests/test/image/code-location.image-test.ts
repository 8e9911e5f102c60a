import { execFile, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { compilePipelines, compilePlatform } from '../../src/dagster/compile-pipelines.js';
import type { KubeObject } from '../../src/kube/kube-object.js';
import { renderPlatform } from '../../src/render/render-platform.js';
import { examplePipeline, examplePlatform } from '../fixtures.js';

const run = promisify(execFile);
const engine = inject('containerEngine');
const image = inject('floeDagsterImage');

const platform = examplePlatform();
const pipelines = [examplePipeline('orders'), examplePipeline('nightly-marts')];
const rendered = renderPlatform(platform, { pipelines }).objects;

interface CodeLocationPod {
  securityContext: { runAsUser: number; runAsGroup: number; fsGroup: number };
  volumes: { name: string; emptyDir?: object; configMap?: { name: string } }[];
  containers: {
    command: string[];
    env: { name: string; value?: string }[];
    volumeMounts: { name: string; mountPath: string; subPath?: string }[];
    startupProbe: { exec: { command: string[] } };
    securityContext: { readOnlyRootFilesystem: boolean; allowPrivilegeEscalation: boolean; capabilities: { drop: string[] }; runAsNonRoot: boolean };
  }[];
}
const deployment = rendered.find((object) => object.kind === 'Deployment' && object.metadata.name === 'acme-data-dagster-code-location')!;
const pod = (deployment['spec'] as { template: { spec: CodeLocationPod } }).template.spec;
const [server] = pod.containers;

/**
 * `run` flags for the code location's container as the kubelet would run it:
 * its user and fsGroup, read-only root without the engine's own tmpfs mounts,
 * no capabilities, no privilege escalation, no network, the emptyDirs as
 * host dirs owned by the fsGroup (setgid, group-writable, as the kubelet
 * makes them), the compiled pipelines and platform where the ConfigMaps are
 * mounted, and the env values. `files` must hold `pipelines/` and
 * `platform-spec/`. dagster.yaml (Postgres storage) is left out:
 * there is no database here, so Dagster falls back to an instance in
 * DAGSTER_HOME, which the emptyDir makes writable.
 */
function codeLocationRunArgs(files: string): string[] {
  const security = server!.securityContext;
  const args = ['--user', `${pod.securityContext.runAsUser}:${pod.securityContext.runAsGroup}`, '--group-add', String(pod.securityContext.fsGroup), '--network', 'none'];
  if (security.readOnlyRootFilesystem) args.push('--read-only', ...(engine === 'podman' ? ['--read-only-tmpfs=false'] : []));
  if (!security.allowPrivilegeEscalation) args.push('--security-opt', 'no-new-privileges');
  for (const capability of security.capabilities.drop) args.push('--cap-drop', capability);
  for (const mount of server!.volumeMounts) {
    const volume = pod.volumes.find((candidate) => candidate.name === mount.name)!;
    if (volume.emptyDir) {
      const dir = join(files, `empty-dir-${mount.name}`);
      mkdirSync(dir, { recursive: true });
      chownSync(dir, 0, pod.securityContext.fsGroup);
      chmodSync(dir, 0o2775);
      args.push('-v', `${dir}:${mount.mountPath}`);
    }
    if (mount.name === 'pipelines' || mount.name === 'platform-spec') args.push('-v', `${join(files, mount.name)}:${mount.mountPath}:ro`);
  }
  for (const entry of server!.env.filter((candidate) => candidate.value !== undefined)) args.push('-e', `${entry.name}=${entry.value!}`);
  return args;
}

/** A host dir with the compiled example pipelines and platform, as the code location's ConfigMaps would hold them. */
function compiledFiles(): string {
  const files = mkdtempSync(join(tmpdir(), 'floe-dagster-image-'));
  chmodSync(files, 0o755);
  for (const dir of ['pipelines', 'platform-spec']) mkdirSync(join(files, dir));
  for (const compiled of compilePipelines(pipelines)) writeFileSync(join(files, 'pipelines', compiled.fileName), compiled.json);
  writeFileSync(join(files, 'platform-spec', 'platform.json'), compilePlatform(platform));
  return files;
}

const exec = async (name: string, command: readonly string[]) => (await run(engine, ['exec', name, ...command], { encoding: 'utf8' })).stdout;

describe(`the floe-dagster image (${image})`, () => {
  it('carries the OCI labels, no entrypoint (run workers get their command as args), and the code location as its default command', () => {
    const config = JSON.parse(execFileSync(engine, ['image', 'inspect', '--format', '{{json .Config}}', image], { encoding: 'utf8' })) as { User: string; Entrypoint: string[] | null; Cmd: string[]; Labels: Record<string, string> };
    expect(config.User).toBe('10001:10001');
    expect(config.Entrypoint ?? []).toEqual([]);
    expect(config.Cmd).toEqual(server!.command);
    expect(config.Labels).toMatchObject({ 'org.opencontainers.image.title': 'floe-dagster', 'org.opencontainers.image.version': '0.1.0', 'org.opencontainers.image.licenses': 'Apache-2.0' });
    expect(config.Labels['dev.floe.inputs-hash']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('runs dagster, dagster-k8s and the floe CLI as the non-root user on a read-only root filesystem', async () => {
    const files = compiledFiles();
    try {
      const script = 'id -u; dagster --version; python -c "import dagster_k8s, dagster_postgres, dagster_floe; print(dagster_k8s.__version__)"; floe --version; awk \'$2 == "/" { split($4, options, ","); print options[1] }\' /proc/mounts';
      const { stdout } = await run(engine, ['run', '--rm', ...codeLocationRunArgs(files), image, 'sh', '-c', script], { encoding: 'utf8' });
      expect(stdout.trim().split('\n')).toEqual(['10001', 'dagster, version 1.13.27', '0.29.27', '0.1.0', 'ro']);
    } finally {
      rmSync(files, { recursive: true, force: true });
    }
  });

  describe('serving the code location as the rendered Deployment runs it', () => {
    const name = `floe-dagster-test-${process.pid}`;
    let files = '';

    beforeAll(async () => {
      files = compiledFiles();
      const child = spawn(engine, ['run', '-d', '--name', name, ...codeLocationRunArgs(files), image, ...server!.command], { stdio: 'ignore' });
      await new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${engine} run exited ${code}`)))));
      // The startup probe's budget (failureThreshold x period): retry its own command until it passes.
      for (let attempt = 0; ; attempt += 1) {
        try {
          await exec(name, server!.startupProbe.exec.command);
          return;
        } catch (error) {
          if (attempt >= 60) throw new Error(`the code location never passed its probe: ${(await run(engine, ['logs', name], { encoding: 'utf8' }).catch(() => ({ stderr: '' }))).stderr}`, { cause: error });
          await new Promise((resolve) => setTimeout(resolve, 2000));
        }
      }
    });

    afterAll(async () => {
      await run(engine, ['rm', '-f', name]).catch(() => undefined);
      rmSync(files, { recursive: true, force: true });
    });

    it('passes the rendered gRPC health probe (dagster api grpc-health-check)', async () => {
      await expect(exec(name, server!.startupProbe.exec.command)).resolves.toBeDefined();
    });

    it('serves one job per compiled pipeline over gRPC', async () => {
      const output = await exec(name, ['dagster', 'job', 'list', '--grpc-host', '127.0.0.1', '--grpc-port', '3030']);
      expect(output).toContain('orders');
      expect(output).toContain('nightly_marts');
    });
  });

  it('accepts the rendered dagster.yaml: dagster\'s instance schema, and every class it names imports and accepts its config (K8sRunLauncher\'s snake_case keys included)', () => {
    const instance = rendered.find((object: KubeObject) => object.kind === 'ConfigMap' && object.metadata.name === 'acme-data-dagster-instance' && object.metadata.namespace === 'floe-jobs')!;
    const yaml = (instance['data'] as Record<string, string>)['dagster.yaml']!;
    expect(parse(yaml)).toMatchObject({ telemetry: { enabled: false } });
    // ConfigurableClassData.rehydrate does the same at instance load: import the module, take the class, check its config.
    const check = [
      'import importlib, sys, yaml',
      'from dagster import Shape',
      'from dagster._config import process_config, resolve_to_config_type',
      'from dagster._core.instance.config import dagster_instance_config_schema',
      'config = yaml.safe_load(sys.stdin)',
      'result = process_config(Shape(dagster_instance_config_schema()), config)',
      'print("dagster.yaml", "ok" if result.success else [error.message for error in result.errors])',
      'for section in ["run_coordinator", "scheduler", "compute_logs", "run_launcher"]:',
      '    ref = config[section]',
      '    cls = getattr(importlib.import_module(ref["module"]), ref["class"])',
      '    result = process_config(resolve_to_config_type(cls.config_type()), ref.get("config", {}))',
      '    print(section, "ok" if result.success else [error.message for error in result.errors])',
    ].join('\n');
    const stdout = execFileSync(engine, ['run', '--rm', '-i', '--network', 'none', '--read-only', '-e', 'DAGSTER_PG_PASSWORD=unused', image, 'python', '-c', check], { encoding: 'utf8', input: yaml });
    expect(stdout.trim().split('\n')).toEqual(['dagster.yaml ok', 'run_coordinator ok', 'scheduler ok', 'compute_logs ok', 'run_launcher ok']);
  });
});
