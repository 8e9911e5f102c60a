import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotationsOf, artifactProvenance, sourceDateEpoch, withoutCredentials } from './artifact-provenance.js';

describe('artifactProvenance', () => {
  it('takes created from the commit time, revision from HEAD, source from origin without credentials', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'floe-provenance-'));
    const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { env: { ...process.env, GIT_COMMITTER_DATE: '2026-01-02T03:04:05Z', GIT_AUTHOR_DATE: '2026-01-02T03:04:05Z' }, encoding: 'utf8' }).trim();
    git('init', '-q');
    writeFileSync(join(dir, 'platform.yaml'), 'x: 1\n');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'one');
    git('remote', 'add', 'origin', 'https://ci:s3cret@git.example.com/team/platform.git');
    const provenance = await artifactProvenance(dir, {});
    expect(provenance).toEqual({ created: '2026-01-02T03:04:05Z', revision: git('rev-parse', 'HEAD'), source: 'https://git.example.com/team/platform.git' });
    expect((await artifactProvenance(dir, { SOURCE_DATE_EPOCH: '0' })).created).toBe('1970-01-01T00:00:00Z');
  });

  it('leaves out what it cannot know, and never uses the current time', async () => {
    expect(await artifactProvenance(mkdtempSync(join(tmpdir(), 'floe-provenance-')), {})).toEqual({});
  });
});

describe('provenance helpers', () => {
  it('reads SOURCE_DATE_EPOCH only when it is a whole number of seconds', () => {
    expect(sourceDateEpoch({ SOURCE_DATE_EPOCH: '1767322800' })).toBe('2026-01-02T03:00:00Z');
    expect(sourceDateEpoch({ SOURCE_DATE_EPOCH: 'yesterday' })).toBeUndefined();
  });

  it('strips credentials from URLs and keeps scp-like remotes', () => {
    expect(withoutCredentials('https://x:y@h.example/r')).toBe('https://h.example/r');
    expect(withoutCredentials('git@h.example:team/r.git')).toBe('git@h.example:team/r.git');
  });

  it('writes the standard annotation keys in sorted order', () => {
    expect(Object.keys(annotationsOf({ version: '1', created: 'c', source: 's', revision: 'r' }, 'acme'))).toEqual([
      'org.opencontainers.image.created', 'org.opencontainers.image.revision', 'org.opencontainers.image.source', 'org.opencontainers.image.title', 'org.opencontainers.image.version',
    ]);
  });
});
