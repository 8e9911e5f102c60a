import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiServerAnswering, writeKubeconfig, type ApiServerStandIn } from './api-server-stand-in.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same cases. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzInputs {
  /** The valid example specs, the platform first, drawn more often so that cases get past validation. */
  readonly specs: readonly string[];
  /** Paths a user might pass as a spec or an output: valid, empty, binary, huge, a directory, /proc, missing, ... */
  readonly files: readonly string[];
  /** Kubeconfigs: unreadable, garbage, a missing plugin, a bad URL, stand-ins answering 403/404/409/500/503. */
  readonly kubeconfigs: readonly string[];
  readonly values: readonly string[];
  readonly close: () => Promise<void>;
}

/** Builds the pools the CLI fuzz test draws from, in a fresh temporary directory. */
export async function fuzzInputs(): Promise<FuzzInputs> {
  const dir = mkdtempSync(join(tmpdir(), 'floe-cli-fuzz-'));
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const directory = join(dir, 'a directory');
  mkdirSync(directory);
  const unreadable = file('unreadable.yaml', 'kind: Platform\n');
  chmodSync(unreadable, 0o000);
  const specs = [`${examples}platform.yaml`, `${examples}pipelines/orders.yaml`, `${examples}pipelines/nightly-marts.yaml`];
  const files = [
    ...specs,
    file('empty.yaml', ''),
    file('binary.yaml', Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256))),
    file('huge.yaml', 'a: b\n'.repeat(1_200_000)),
    file('alias-bomb.yaml', `a: &a ["x","x","x","x","x","x","x","x","x"]\n${Array.from({ length: 9 }, (_, index) => `${String.fromCharCode(98 + index)}: &${String.fromCharCode(98 + index)} [*${String.fromCharCode(97 + index)},*${String.fromCharCode(97 + index)},*${String.fromCharCode(97 + index)},*${String.fromCharCode(97 + index)}]`).join('\n')}\n`),
    file('deep.yaml', `${'['.repeat(5000)}${']'.repeat(5000)}\n`),
    file('not-a-spec.yaml', 'apiVersion: floe.dev/v1\nkind: Pipeline\nspec: 7\n'),
    file('two-platforms.yaml', 'apiVersion: floe.dev/v1\nkind: Platform\nmetadata: { name: a }\n---\napiVersion: floe.dev/v1\nkind: Platform\nmetadata: { name: b }\n'),
    directory, unreadable, join(dir, 'missing.yaml'), join(dir, 'empty.yaml', 'below'),
    '/proc/version', '/proc/self/status', '/proc', '/dev/null', '',
  ];
  const servers: ApiServerStandIn[] = [];
  for (const [code, reason] of [[403, 'Forbidden'], [404, 'NotFound'], [409, 'Conflict'], [500, 'InternalError'], [503, 'ServiceUnavailable'], [401, 'Unauthorized']] as const) {
    servers.push(await apiServerAnswering(code, reason));
  }
  const kubeconfigs = [
    ...servers.map((server) => server.kubeconfig),
    file('garbage-kubeconfig', '\u0000\u0001: [ not yaml'),
    file('empty-kubeconfig', ''),
    writeKubeconfig('https://127.0.0.1:6443', { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'floe-fuzz-missing-plugin' } }),
    writeKubeconfig('ht!tp:/not a url'),
    writeKubeconfig('ftp://127.0.0.1:21'),
    directory, join(dir, 'missing-kubeconfig'),
  ];
  const values = ['abc', '', '0', '-1', '1', '2', '1.5', '1e3', '99999999999999999999', 'json', 'text', 'yaml', 'server', 'client', 'build-models', 'no-such-step', 'run-1', 'Bad_Run_ID!', '--', '-', '\u0000', 'x'.repeat(300)];
  return { specs, files, kubeconfigs, values, close: async () => { await Promise.all(servers.map((server) => server.close())); } };
}
