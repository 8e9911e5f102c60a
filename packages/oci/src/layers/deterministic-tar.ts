import { gunzipSync, gzipSync } from 'node:zlib';

/** A file in a layer: a relative path (forward slashes, at most 100 bytes) and its content. */
export interface LayerFile {
  readonly path: string;
  readonly content: Uint8Array | string;
}

const block = 512;

function writeField(header: Buffer, offset: number, length: number, value: string): void {
  header.write(value, offset, Math.min(length, Buffer.byteLength(value)), 'utf8');
}

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

function headerOf(path: string, size: number): Buffer {
  if (Buffer.byteLength(path) > 100 || path.startsWith('/') || path.split('/').includes('..')) throw new Error(`layer path "${path}" must be relative, without "..", at most 100 bytes`);
  const header = Buffer.alloc(block);
  writeField(header, 0, 100, path);
  writeField(header, 100, 8, octal(0o644, 8));
  writeField(header, 108, 8, octal(0, 8));
  writeField(header, 116, 8, octal(0, 8));
  writeField(header, 124, 12, octal(size, 12));
  // mtime 0, owner root: the same files give the same bytes on every machine.
  writeField(header, 136, 12, octal(0, 12));
  header.fill(' ', 148, 156);
  header[156] = '0'.charCodeAt(0);
  writeField(header, 257, 6, 'ustar\0');
  writeField(header, 263, 2, '00');
  let sum = 0;
  for (const byte of header) sum += byte;
  writeField(header, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return header;
}

/**
 * A gzip-compressed ustar archive of `files`, sorted by path, with fixed
 * mode, owner and times, so the same files always give the same bytes (and
 * the same digest). The gzip header carries no time and the "unknown" OS
 * byte, as Go's gzip writes it, so the digest does not depend on the machine.
 */
export function deterministicTarGzip(files: readonly LayerFile[]): Uint8Array {
  const parts: Buffer[] = [];
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const content = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : Buffer.from(file.content);
    parts.push(headerOf(file.path, content.byteLength), content, Buffer.alloc((block - (content.byteLength % block)) % block));
  }
  parts.push(Buffer.alloc(block * 2));
  const gzipped = gzipSync(Buffer.concat(parts), { level: 9 });
  gzipped[9] = 255;
  return new Uint8Array(gzipped);
}

/** The regular files of a gzip-compressed tar archive, in archive order (directories and other entries skipped). */
export function readTarGzip(archive: Uint8Array): { path: string; content: Uint8Array }[] {
  const tar = gunzipSync(archive);
  const files: { path: string; content: Uint8Array }[] = [];
  for (let offset = 0; offset + block <= tar.byteLength;) {
    const header = tar.subarray(offset, offset + block);
    if (header.every((byte) => byte === 0)) break;
    const text = (start: number, length: number) => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
    const size = Number.parseInt(text(124, 12).trim() || '0', 8);
    const prefix = text(345, 155);
    const name = prefix ? `${prefix}/${text(0, 100)}` : text(0, 100);
    const type = String.fromCharCode(header[156] ?? 0);
    const start = offset + block;
    if (type === '0' || type === '\0') files.push({ path: name.replace(/^\.\//, ''), content: new Uint8Array(tar.subarray(start, start + size)) });
    offset = start + Math.ceil(size / block) * block;
  }
  return files;
}
