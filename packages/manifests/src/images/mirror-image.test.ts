import { describe, expect, it } from 'vitest';
import { mirrorImage } from './mirror-image.js';

const scoped = { prefix: 'mirror.acme.internal:5000/upstream', keepRegistryHost: true };
const flat = { prefix: 'harbor.acme.internal/dockerhub', keepRegistryHost: false };

describe('mirrorImage', () => {
  it.each([
    ['postgres:18.1', 'mirror.acme.internal:5000/upstream/docker.io/library/postgres:18.1'],
    ['dagster/dagster-k8s:1.13.27', 'mirror.acme.internal:5000/upstream/docker.io/dagster/dagster-k8s:1.13.27'],
    ['docker.io/redis:8.2.2', 'mirror.acme.internal:5000/upstream/docker.io/library/redis:8.2.2'],
    ['quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z', 'mirror.acme.internal:5000/upstream/quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z'],
    ['localhost:5000/floe-job:0.1.0', 'mirror.acme.internal:5000/upstream/localhost:5000/floe-job:0.1.0'],
    [`ghcr.io/floe-dev/floe-job@sha256:${'a'.repeat(64)}`, `mirror.acme.internal:5000/upstream/ghcr.io/floe-dev/floe-job@sha256:${'a'.repeat(64)}`],
  ])('keeps the source registry host: %s -> %s', (reference, mirrored) => {
    expect(mirrorImage(reference, scoped)).toBe(mirrored);
  });

  it('drops the source registry host when asked, still naming Docker Hub official images under library/', () => {
    expect(mirrorImage('postgres:18.1', flat)).toBe('harbor.acme.internal/dockerhub/library/postgres:18.1');
    expect(mirrorImage('apache/polaris:1.7.0', flat)).toBe('harbor.acme.internal/dockerhub/apache/polaris:1.7.0');
  });

  it('leaves a reference already under the mirror alone, so mirroring twice changes nothing', () => {
    const once = mirrorImage('postgres:18.1', scoped);
    expect(mirrorImage(once, scoped)).toBe(once);
    expect(mirrorImage('mirror.acme.internal:5000/upstream/acme/app:1', scoped)).toBe('mirror.acme.internal:5000/upstream/acme/app:1');
  });
});
