import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentDigest } from '../digest/content-digest.js';
import { deterministicTarGzip, readTarGzip } from './deterministic-tar.js';

const files = [
  { path: 'b.yaml', content: 'kind: ConfigMap\n' },
  { path: 'a.yaml', content: `${'x'.repeat(700)}\n` },
];

describe('deterministicTarGzip', () => {
  it('gives the same bytes for the same files in any order', () => {
    expect(contentDigest(deterministicTarGzip(files))).toBe(contentDigest(deterministicTarGzip([...files].reverse())));
    expect(contentDigest(deterministicTarGzip(files))).not.toBe(contentDigest(deterministicTarGzip([files[0]!])));
  });

  it('is an archive GNU tar extracts, files sorted by path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'floe-tar-'));
    writeFileSync(join(dir, 'layer.tar.gz'), deterministicTarGzip(files));
    expect(execFileSync('tar', ['-tzf', 'layer.tar.gz'], { cwd: dir, encoding: 'utf8' })).toBe('a.yaml\nb.yaml\n');
    execFileSync('tar', ['-xzf', 'layer.tar.gz'], { cwd: dir });
    expect(readFileSync(join(dir, 'b.yaml'), 'utf8')).toBe('kind: ConfigMap\n');
  });

  it('reads back what it wrote, and what GNU tar wrote', () => {
    const read = readTarGzip(deterministicTarGzip(files));
    expect(read.map((file) => [file.path, Buffer.from(file.content).toString('utf8')])).toEqual([['a.yaml', files[1]!.content], ['b.yaml', files[0]!.content]]);
    const dir = mkdtempSync(join(tmpdir(), 'floe-tar-'));
    writeFileSync(join(dir, 'c.json'), '{}\n');
    execFileSync('tar', ['-czf', 'gnu.tar.gz', 'c.json'], { cwd: dir });
    expect(readTarGzip(readFileSync(join(dir, 'gnu.tar.gz'))).map((file) => file.path)).toEqual(['c.json']);
  });

  it('refuses paths that would leave the extraction directory', () => {
    expect(() => deterministicTarGzip([{ path: '../etc/passwd', content: '' }])).toThrow(/relative, without "\.\."/);
  });
});
