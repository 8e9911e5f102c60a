import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { credentialFiles, findRegistryCredential } from './registry-credentials.js';

const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');

function home(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'floe-oci-creds-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), JSON.stringify(content));
  }
  return dir;
}

describe('findRegistryCredential', () => {
  it('reads the base64 auth of docker config.json, with or without a scheme in the key', async () => {
    const dir = home({ '.docker/config.json': { auths: { 'https://registry.example.com/v1/': { auth: basic('ci', 'p:ss') } } } });
    expect(await findRegistryCredential('registry.example.com', { home: dir, env: {} })).toEqual({ username: 'ci', password: 'p:ss' });
    expect(await findRegistryCredential('other.example.com', { home: dir, env: {} })).toBeUndefined();
  });

  it('prefers $REGISTRY_AUTH_FILE, then the podman runtime file, over docker config.json', async () => {
    const dir = home({
      'auth.json': { auths: { 'r.io:5000': { auth: basic('from-env', 'a') } } },
      'run/containers/auth.json': { auths: { 'r.io:5000': { auth: basic('from-xdg', 'b') } } },
      '.docker/config.json': { auths: { 'r.io:5000': { auth: basic('from-docker', 'c') } } },
    });
    const env = { REGISTRY_AUTH_FILE: join(dir, 'auth.json'), XDG_RUNTIME_DIR: join(dir, 'run') };
    expect((await findRegistryCredential('r.io:5000', { home: dir, env }))?.username).toBe('from-env');
    expect((await findRegistryCredential('r.io:5000', { home: dir, env: { XDG_RUNTIME_DIR: env.XDG_RUNTIME_DIR } }))?.username).toBe('from-xdg');
    expect((await findRegistryCredential('r.io:5000', { home: dir, env: {} }))?.username).toBe('from-docker');
  });

  it('keeps identity tokens apart from passwords, and matches docker.io aliases', async () => {
    const dir = home({ '.docker/config.json': { auths: { 'https://index.docker.io/v1/': { identitytoken: 'refresh-me' } } } });
    expect(await findRegistryCredential('docker.io', { home: dir, env: {} })).toEqual({ identityToken: 'refresh-me' });
  });

  it('says which file is broken, without its content', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'floe-oci-creds-'));
    writeFileSync(join(dir, 'auth.json'), '{"auths": {"r.io": {"auth": "c2VjcmV0');
    const failure = findRegistryCredential('r.io', { home: dir, env: { REGISTRY_AUTH_FILE: join(dir, 'auth.json') } });
    await expect(failure).rejects.toThrow(`the credential file ${join(dir, 'auth.json')} is not valid JSON`);
    await expect(failure).rejects.not.toThrow(/c2VjcmV0/);
  });

  it('lists the files in podman order', () => {
    expect(credentialFiles({ home: '/h', env: { REGISTRY_AUTH_FILE: '/a.json', XDG_RUNTIME_DIR: '/run/user/1', DOCKER_CONFIG: '/d' } }))
      .toEqual(['/a.json', '/run/user/1/containers/auth.json', '/h/.config/containers/auth.json', '/d/config.json']);
  });
});
