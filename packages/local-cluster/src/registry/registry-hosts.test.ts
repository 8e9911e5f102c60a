import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localRegistryName, registryHostsToml, writeRegistryHosts } from './registry-hosts.js';

const dir = mkdtempSync(join(tmpdir(), 'floe-certs-d-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('registryHostsToml', () => {
  const toml = registryHostsToml({ registry: localRegistryName, upstream: '10.96.12.7:5000' });

  it('sends pulls of localhost:5001 to the Service address over plain HTTP, for pull and resolve only', () => {
    expect(toml).toContain('[host."http://10.96.12.7:5000"]\n  capabilities = ["pull", "resolve"]\n');
    expect(toml).not.toContain('"push"');
  });

  it('names the registry itself as the server, over HTTP', () => {
    expect(toml).toMatch(/^server = "http:\/\/localhost:5001"$/m);
    expect(toml).not.toContain('https://');
  });
});

describe('writeRegistryHosts', () => {
  it('writes <certs.d>/localhost:5001/hosts.toml, and writing the same entry again changes nothing', () => {
    const first = writeRegistryHosts(dir, { registry: localRegistryName, upstream: '10.96.0.50:5000' });
    expect(first).toEqual({ file: join(dir, 'localhost:5001', 'hosts.toml'), changed: true });
    expect(readFileSync(first.file, 'utf8')).toContain('[host."http://10.96.0.50:5000"]');
    expect(writeRegistryHosts(dir, { registry: localRegistryName, upstream: '10.96.0.50:5000' }).changed).toBe(false);
  });

  it('rewrites the file when the Service moved to another ClusterIP', () => {
    writeRegistryHosts(dir, { registry: localRegistryName, upstream: '10.96.0.50:5000' });
    const moved = writeRegistryHosts(dir, { registry: localRegistryName, upstream: '10.96.0.77:5000' });
    expect(moved.changed).toBe(true);
    const text = readFileSync(moved.file, 'utf8');
    expect(text).toContain('10.96.0.77:5000');
    expect(text).not.toContain('10.96.0.50');
  });
});
