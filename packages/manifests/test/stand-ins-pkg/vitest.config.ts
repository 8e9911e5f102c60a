import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The stand-in images built from Debian, PyPI and Maven Central (postgres,
// dagster, iceberg-rest; `make test` runs them after the floe-dagster image
// tests): the global setup builds each with `scripts/build-stand-in-image.sh`
// (cached by its inputs hash); every test runs containers the way the rendered
// manifests say (args, env, user, read-only root with the emptyDirs as tmpfs,
// no capabilities). Files end in .image-test.ts so the package's own
// `vitest run` skips them.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['**/*.image-test.ts'],
    globalSetup: ['global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
