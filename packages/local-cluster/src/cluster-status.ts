import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive, readPidFile } from './process/pid-file.js';
import { httpGetOk } from './readiness/http-get-ok.js';

/** What runs of a cluster kept in a state directory. */
export interface LocalClusterStatus {
  readonly dir: string;
  readonly kubeconfigPath: string;
  readonly server: string | undefined;
  readonly processes: readonly { readonly name: string; readonly pid: number; readonly alive: boolean }[];
  /** Every recorded process alive and the API server answering /readyz. */
  readonly ready: boolean;
}

/** Reads the pid file and kubeconfig of a cluster directory and asks the API server whether it is ready. */
export async function localClusterStatus(dir: string): Promise<LocalClusterStatus> {
  const kubeconfigPath = join(dir, 'kubeconfig');
  const processes = readPidFile(join(dir, 'cluster.pids.json')).map((entry) => ({ ...entry, alive: isAlive(entry.pid) }));
  let server: string | undefined;
  let apiReady = false;
  if (existsSync(kubeconfigPath)) {
    const text = readFileSync(kubeconfigPath, 'utf8');
    server = /server: (\S+)/.exec(text)?.[1];
    const ca = /certificate-authority: (\S+)/.exec(text)?.[1];
    const cert = /client-certificate: (\S+)/.exec(text)?.[1];
    const key = /client-key: (\S+)/.exec(text)?.[1];
    if (server && ca && cert && key && existsSync(ca)) {
      apiReady = await httpGetOk(`${server}/readyz`, { ca: readFileSync(ca), cert: readFileSync(cert), key: readFileSync(key) });
    }
  }
  return { dir, kubeconfigPath, server, processes, ready: processes.length > 0 && processes.every((entry) => entry.alive) && apiReady };
}
