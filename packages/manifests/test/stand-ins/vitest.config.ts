import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The stand-in images built from Go modules (registry, minio, minio-client,
// prometheus, otel-collector, metrics-server; `make test` runs them after the
// floe-dagster image tests): the global setup builds each with
// `scripts/build-stand-in-image.sh` (Go programs through images/go/build.sh;
// both cached by their inputs); every test runs containers the way the
// rendered manifests say (args, env, user, read-only root with the emptyDirs
// as tmpfs, no capabilities) and talks to them by their own protocol from
// inside their network namespace. Files end in .image-test.ts so the
// package's own `vitest run` skips them.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['**/*.image-test.ts'],
    globalSetup: ['global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
