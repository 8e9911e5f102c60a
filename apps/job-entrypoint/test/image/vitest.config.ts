import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The runtime image tests (`make test` runs them after the unit tests): the
// global setup builds the image with scripts/build-image.sh (cached by its
// inputs hash) and the example image FROM it; every test runs a container.
// Their files end in .image-test.ts so the package's own `vitest run` skips them.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['**/*.image-test.ts'],
    globalSetup: ['global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 900_000,
    // Containers compete for 2 cores; one file at a time keeps durations honest.
    fileParallelism: false,
  },
});
