import { describe, expect, it } from 'vitest';
import { containerdConfig, containerdPaths } from './containerd.js';

describe('containerdConfig', () => {
  const paths = containerdPaths('/srv/cluster/node');
  const config = containerdConfig(paths, { pauseImage: 'localhost/floe-pause:1', cniBinDir: '/usr/lib/cni', runc: '/usr/sbin/runc', metricsPort: 10999 });

  it('points the CRI image service at the node\'s registry hosts directory, so hosts.toml files written later apply to the next pull', () => {
    expect(paths.certsDir).toBe('/srv/cluster/node/containerd/certs.d');
    expect(config).toContain('[plugins."io.containerd.cri.v1.images".registry]\n    config_path = "/srv/cluster/node/containerd/certs.d"\n');
  });

  it('keeps the registry table inside the images plugin of config version 3 (not the removed grpc.v1.cri plugin)', () => {
    expect(config.startsWith('version = 3\n')).toBe(true);
    expect(config).not.toContain('io.containerd.grpc.v1.cri');
    expect(config.indexOf('[plugins."io.containerd.cri.v1.images".registry]')).toBeGreaterThan(config.indexOf('[plugins."io.containerd.cri.v1.images"]'));
    expect(config.indexOf('[plugins."io.containerd.cri.v1.images".registry]')).toBeLessThan(config.indexOf('[plugins."io.containerd.cri.v1.runtime"]'));
  });
});
