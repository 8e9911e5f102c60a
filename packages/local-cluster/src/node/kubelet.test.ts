import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evictionFreePercent } from './disk-headroom.js';
import { kubeletPaths, writeKubeletConfig } from './kubelet.js';

const dir = mkdtempSync(join(tmpdir(), 'floe-kubelet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeKubeletConfig', () => {
  it('authenticates bearer tokens and authorizes through the API server, so metrics-server scrapes /metrics/resource with its ServiceAccount token', () => {
    const paths = kubeletPaths(dir);
    writeKubeletConfig(paths, { caCert: '/pki/ca.crt', servingCert: '/pki/kubelet-serving.crt', servingKey: '/pki/kubelet-serving.key', port: 10250, healthzPort: 10248 });
    const config = readFileSync(paths.config, 'utf8');
    expect(config).toContain('authentication:\n  anonymous:\n    enabled: false\n  webhook:\n    enabled: true\n  x509:\n    clientCAFile: "/pki/ca.crt"\n');
    expect(config).toContain('authorization:\n  mode: Webhook\n');
    expect(config).toMatch(/^readOnlyPort: 0$/m);
    // The serving certificate the cluster CA signed: metrics-server verifies it instead of skipping TLS checks.
    expect(config).toContain('tlsCertFile: "/pki/kubelet-serving.crt"\ntlsPrivateKeyFile: "/pki/kubelet-serving.key"\n');
  });

  it('reports DiskPressure at the free share that ensureDiskHeadroom keeps (one constant for both)', () => {
    const paths = kubeletPaths(dir);
    writeKubeletConfig(paths, { caCert: '/pki/ca.crt', servingCert: '/c', servingKey: '/k', port: 10250, healthzPort: 10248 });
    const config = readFileSync(paths.config, 'utf8');
    expect(config).toContain(`evictionHard:\n  nodefs.available: "${evictionFreePercent}%"\n  imagefs.available: "${evictionFreePercent}%"\n`);
  });
});
