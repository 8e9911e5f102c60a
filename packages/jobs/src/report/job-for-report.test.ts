import { parsePipelineSpec, parsePlatformSpec } from '@floe/spec';
import { describe, expect, it } from 'vitest';
import { buildAttemptJob } from '../submit/build-attempt-job.js';
import { stepContainerSpec } from '../submit/step-container-spec.js';
import { credentialsOfJob } from './collect-evidence.js';
import { jobForReport } from './job-for-report.js';

const platform = parsePlatformSpec('apiVersion: floe.dev/v1\nkind: Platform\nmetadata: { name: acme }\nspec:\n  namespaces: { jobs: acme-jobs }\n');
const pipeline = parsePipelineSpec('apiVersion: floe.dev/v1\nkind: Pipeline\nmetadata: { name: orders, owner: data@acme.dev }\nspec:\n  platform: acme\n  steps:\n    - { name: build, type: dbt, command: build }\n');

describe('jobForReport', () => {
  it('keeps the image and the Secret-backed env a report reads, and is a fraction of the Job', async () => {
    const job = buildAttemptJob({ platform, pipeline, step: pipeline.spec.steps[0]! }, { runId: 'r1', attempt: 1 });
    const kept = jobForReport(job);
    expect(stepContainerSpec(kept)?.image).toBe(stepContainerSpec(job)?.image);
    const secrets = { get: () => Promise.resolve(undefined) } as unknown as Parameters<typeof credentialsOfJob>[0];
    expect((await credentialsOfJob(secrets, kept)).envNames).toEqual((await credentialsOfJob(secrets, job)).envNames);
    expect((await credentialsOfJob(secrets, kept)).envNames.length).toBeGreaterThan(0);
    expect(JSON.stringify(kept).length).toBeLessThan(JSON.stringify(job).length / 4);
  });
});
