import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSpecFiles } from '../index.js';

const examples = fileURLToPath(new URL('../../../../examples/', import.meta.url));

describe('the examples', () => {
  it('load together, with defaults applied and the pipelines bound to the platform', async () => {
    const documents = await loadSpecFiles([
      `${examples}platform.yaml`,
      `${examples}pipelines/orders.yaml`,
      `${examples}pipelines/nightly-marts.yaml`,
    ]);
    expect(documents.map((document) => document.kind)).toEqual(['Platform', 'Pipeline', 'Pipeline']);
    const [platform, orders, nightly] = documents;
    if (platform?.kind !== 'Platform' || orders?.kind !== 'Pipeline' || nightly?.kind !== 'Pipeline') throw new Error('kinds');
    expect(platform.spec.spec.catalog.server.autoscaling).toEqual({ minReplicas: 2, maxReplicas: 4, targetCPUUtilizationPercentage: 70 });
    expect(platform.spec.spec.orchestrator.image).toBe('dagster/dagster-k8s:1.13.27');
    expect(platform.spec.spec.orchestrator.database).toMatchObject({ type: 'inCluster', image: 'postgres:18.1', storage: { size: '10Gi' } });
    expect(platform.spec.spec.semantic.cache).toMatchObject({ type: 'cubestore', workers: 2 });
    expect(platform.spec.spec.jobs.resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } });
    expect(orders.spec.spec.steps.map((step) => step.type)).toEqual(['ingestion', 'dbt', 'quality']);
    expect(orders.spec.spec.retry.backoff).toEqual({ initialSeconds: 30, multiplier: 2, maxSeconds: 300, jitter: true });
    expect(nightly.spec.spec.schedule).toEqual({ cron: '30 3 * * MON-FRI', timezone: 'America/New_York' });
    expect(nightly.spec.spec.retry.maxAttempts).toBe(1);
  });
});
