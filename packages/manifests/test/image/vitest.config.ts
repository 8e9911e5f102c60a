import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The floe-dagster image tests (`make test` runs them after the unit tests):
// the global setup builds the image with `scripts/build-image.sh floe-dagster`
// (cached by its inputs hash); every test runs a container the way the
// rendered code-location Deployment says. Files end in .image-test.ts so the
// package's own `vitest run` skips them.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['**/*.image-test.ts'],
    globalSetup: ['global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 1_800_000,
    fileParallelism: false,
  },
});
