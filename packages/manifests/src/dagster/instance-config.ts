import type { Platform } from '@floe/spec';
import type { SecretKey } from '../credentials/credential-refs.js';
import type { PostgresEndpoint } from '../postgres/postgres-endpoint.js';
import { dagsterPasswordEnv } from './dagster-paths.js';
import { runLauncherConfig } from './run-launcher-config.js';

/**
 * dagster.yaml: Postgres storage (password from env), queued runs, the
 * daemon scheduler, run monitoring, no telemetry, no local compute logs
 * (read-only root filesystems), and the Kubernetes run launcher. Classes
 * are named by their `dagster._core` modules, as Dagster's Helm chart does:
 * dagster 1.13 has no `dagster.core` package.
 */
export function dagsterInstanceConfig(platform: Platform, input: { database: PostgresEndpoint; databasePassword: SecretKey; instanceConfigMap: string }) {
  return {
    storage: {
      postgres: {
        postgres_db: {
          username: input.database.user,
          password: { env: dagsterPasswordEnv },
          hostname: input.database.host,
          db_name: input.database.database,
          port: input.database.port,
          params: { sslmode: input.database.sslMode },
          // dagster-postgres depends on psycopg2; SQLAlchemy 2.1 maps a bare `postgresql://` to psycopg 3,
          // which the dagster images do not install (seen on the real node: ModuleNotFoundError: psycopg).
          scheme: 'postgresql+psycopg2',
        },
      },
    },
    run_coordinator: { module: 'dagster._core.run_coordinator', class: 'QueuedRunCoordinator' },
    scheduler: { module: 'dagster._core.scheduler', class: 'DagsterDaemonScheduler' },
    run_launcher: runLauncherConfig(platform, { instanceConfigMap: input.instanceConfigMap, databasePassword: input.databasePassword }),
    run_monitoring: {
      enabled: true,
      start_timeout_seconds: platform.spec.orchestrator.runMonitoring.startTimeoutSeconds,
      poll_interval_seconds: platform.spec.orchestrator.runMonitoring.pollIntervalSeconds,
    },
    // Retries belong to the pipeline's retry policy, applied per run by floe; none by default.
    run_retries: { enabled: true, max_retries: 0 },
    compute_logs: { module: 'dagster._core.storage.noop_compute_log_manager', class: 'NoOpComputeLogManager' },
    telemetry: { enabled: false },
  };
}
