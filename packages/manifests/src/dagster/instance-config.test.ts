import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { examplePlatform } from '../../test/fixtures.js';
import { renderPlatform } from '../render/render-platform.js';

interface ClassRef { module: string; class: string }
const instances = renderPlatform(examplePlatform()).objects
  .filter((object) => object.kind === 'ConfigMap' && object.metadata.name === 'acme-data-dagster-instance')
  .map((object) => parse((object['data'] as Record<string, string>)['dagster.yaml']!) as Record<string, ClassRef>);

// Modules and classes as dagster 1.13.27 ships them and as Dagster's Helm chart names them
// (helm/dagster/templates/helpers/instance/_run-coordinator.tpl, _scheduler.tpl, _compute-log-manager.tpl).
const expected: [section: string, module: string, className: string][] = [
  ['run_coordinator', 'dagster._core.run_coordinator', 'QueuedRunCoordinator'],
  ['scheduler', 'dagster._core.scheduler', 'DagsterDaemonScheduler'],
  ['compute_logs', 'dagster._core.storage.noop_compute_log_manager', 'NoOpComputeLogManager'],
  ['run_launcher', 'dagster_k8s', 'K8sRunLauncher'],
];

describe('dagster.yaml', () => {
  it.each(expected)('names %s by a module dagster 1.13 has: %s.%s (there is no dagster.core package)', (section, module, className) => {
    for (const instance of instances) expect(instance[section]).toMatchObject({ module, class: className });
  });
});

describe('dagster.yaml storage', () => {
  it('names the psycopg2 driver dagster-postgres depends on (SQLAlchemy 2.1 would pick psycopg 3 for a bare postgresql://)', () => {
    for (const instance of instances) {
      expect((instance['storage'] as unknown as { postgres: { postgres_db: { scheme: string } } }).postgres.postgres_db.scheme).toBe('postgresql+psycopg2');
    }
  });
});

describe('dagster.yaml run monitoring', () => {
  it("is on with Dagster's chart defaults (120 s checks, 300 s to start), and follows spec.orchestrator.runMonitoring", () => {
    expect(instances[0]!['run_monitoring']).toEqual({ enabled: true, start_timeout_seconds: 300, poll_interval_seconds: 120 });
    const platform = examplePlatform();
    const tuned = { ...platform, spec: { ...platform.spec, orchestrator: { ...platform.spec.orchestrator, runMonitoring: { pollIntervalSeconds: 30, startTimeoutSeconds: 600 } } } };
    const config = renderPlatform(tuned).objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name === 'acme-data-dagster-instance')!;
    expect((parse((config['data'] as Record<string, string>)['dagster.yaml']!) as Record<string, unknown>)['run_monitoring']).toEqual({ enabled: true, start_timeout_seconds: 600, poll_interval_seconds: 30 });
  });
});
