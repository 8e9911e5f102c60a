import { describe, expect, inject, it } from 'vitest';
import { podman } from '../containers/podman.js';
import { imageConfig } from './image-config.js';

const image = inject('goStandInImages')['metrics-server'];

// Its real test needs a cluster (the kubelets' /metrics/resource and the API
// aggregation layer): the local cluster's HPA test runs it. Here: the image.
describe(`the metrics-server stand-in (${image})`, () => {
  it('keeps the official image\'s entrypoint and user 65534', async () => {
    const config = await imageConfig(image);
    expect(config.Entrypoint).toEqual(['/metrics-server']);
    expect(config.User).toBe('65534');
    expect(config.Labels).toMatchObject({ 'org.opencontainers.image.version': 'v0.8.0', 'org.opencontainers.image.licenses': 'Apache-2.0' });
    expect(config.Labels['org.opencontainers.image.description']).toContain('local stand-in built from Go modules; not the official image');
  });

  it('runs --help on a read-only root with no capabilities', async () => {
    const help = await podman(['run', '--rm', '--network', 'none', '--read-only', '--cap-drop', 'all', '--security-opt', 'no-new-privileges', image, '--help']);
    expect(help).toContain('--kubelet-preferred-address-types');
    expect(help).toContain('--cert-dir');
  });
});
