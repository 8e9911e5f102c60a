import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { exampleDbtProject, makeJobDirs, podEnv, runFloeJob, startFloeJob } from './floe-job-process.js';

// One copy of the example project with the fixtures added (a failing test,
// slow models), shared by the tests of this file; each run gets its own dirs.
const pythonBinDir = inject('pythonBinDir');
const projectDir = join(mkdtempSync(join(tmpdir(), 'floe-dbt-project-')), 'dbt');
const secret = 'sup3r-s3cret-value-for-redaction';
// Runs share the work dir and warehouse, so dbt's partial parsing saves the full parse after the first run.
const dirs = makeJobDirs('dbt-failures');

beforeAll(() => {
  cpSync(exampleDbtProject, projectDir, { recursive: true });
  cpSync(fileURLToPath(new URL('fixtures/dbt-extra', import.meta.url)), projectDir, { recursive: true });
});

function dbtEnv(step: Record<string, unknown>, extra: Record<string, string> = {}) {
  return { ...podEnv(dirs, pythonBinDir, { type: 'dbt', ...step }, { projectDir }), ...extra };
}

describe('a dbt step with a failing test', () => {
  it('exits 1 and names the failed test in the termination message, with no secret anywhere', async () => {
    const env = dbtEnv(
      { name: 'build-customers', command: 'build', select: ['customers', 'assert_customers_fail'] },
      {
        FLOE_STORAGE_TYPE: 'minio',
        FLOE_STORAGE_ENDPOINT: 'http://minio.floe-platform:9000',
        FLOE_STORAGE_BUCKET: 'lakehouse',
        FLOE_STORAGE_ACCESS_KEY_ID: 'floe-access-key-id',
        FLOE_STORAGE_SECRET_ACCESS_KEY: secret,
      },
    );
    const result = await runFloeJob(env, dirs.terminationLog);
    expect(result.exitCode).toBe(1);
    expect(result.summary).toMatchObject({
      outcome: 'failed',
      exitCode: 1,
      failureClass: 'application',
      built: ['seed.floe_example.customers'],
      failed: ['test.floe_example.assert_customers_fail'],
    });
    // dbt did print the secret (the fixture logs it): floe-job redacted it.
    expect(result.lines.some((line) => line.message === 'storage secret is [REDACTED]')).toBe(true);
    for (const output of [result.stdout, result.stderr, result.terminationMessage]) {
      expect(output).not.toContain(secret);
      expect(output).not.toContain('floe-access-key-id');
    }
  });
});

describe('SIGTERM during a dbt run', () => {
  it('sends SIGINT to dbt, which cancels its query, and exits 143 with a cancelled termination message', async () => {
    const env = dbtEnv({ name: 'slow', command: 'run', select: ['slow_query'] }, { FLOE_CANCEL_GRACE_SECONDS: '15' });
    const job = startFloeJob(env, dirs.terminationLog);
    await job.waitForLine((line) => line.event === 'LogStartLine' && line.node === 'model.floe_example.slow_query');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const signalled = Date.now();
    job.child.kill('SIGTERM');
    const result = await job.done;
    expect(result.exitCode).toBe(143);
    expect(Date.now() - signalled).toBeLessThan(15_000);
    expect(result.summary).toMatchObject({ outcome: 'cancelled', exitCode: 143, failureClass: 'cancelled', message: 'cancelled by SIGTERM' });
    // dbt's own reaction to SIGINT: it cancels the running query and reports the keyboard interrupt.
    expect(result.lines.some((line) => line.source === 'dbt' && /CANCEL query model\.floe_example\.slow_query/.test(line.message))).toBe(true);
    expect(result.lines.some((line) => line.source === 'dbt' && /keyboard interrupt/i.test(line.message))).toBe(true);
  });

  it('escalates to SIGKILL of the whole process group when dbt does not stop within the grace budget', async () => {
    const env = dbtEnv({ name: 'sleepy', command: 'run', select: ['slow_sleep'] }, { FLOE_CANCEL_GRACE_SECONDS: '3' });
    const job = startFloeJob(env, dirs.terminationLog);
    await job.waitForLine((line) => line.event === 'LogStartLine' && line.node === 'model.floe_example.slow_sleep');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const signalled = Date.now();
    job.child.kill('SIGTERM');
    const result = await job.done;
    const elapsed = Date.now() - signalled;
    expect(result.exitCode).toBe(143);
    expect(elapsed).toBeGreaterThanOrEqual(3000);
    expect(elapsed).toBeLessThan(8000);
    expect(result.summary).toMatchObject({ outcome: 'cancelled', exitCode: 143 });
    expect(result.lines.some((line) => line.source === 'dbt' && /CANCEL/.test(line.message))).toBe(true);
    // dbt (the leader of the child's process group) did not outlive floe-job.
    const dbtPid = result.lines.find((line) => line.source === 'dbt' && typeof line.pid === 'number')?.pid as number;
    expect(() => process.kill(dbtPid, 0)).toThrow(/ESRCH/);
  });
});
