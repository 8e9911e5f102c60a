import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAdminAccess } from './kubeconfig/read-admin-access.js';
import { clusterPidFileName, isAlive, readPidFile } from './process/pid-file.js';
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
  const processes = readPidFile(join(dir, clusterPidFileName)).map((entry) => ({ ...entry, alive: isAlive(entry.pid) }));
  let server: string | undefined;
  let apiReady = false;
  const access = await readAdminAccess(kubeconfigPath);
  if (access) {
    server = access.server;
    if ([access.caCert, access.clientCert, access.clientKey].every((file) => existsSync(file))) {
      apiReady = await httpGetOk(`${server}/readyz`, { ca: readFileSync(access.caCert), cert: readFileSync(access.clientCert), key: readFileSync(access.clientKey) });
    }
  }
  return { dir, kubeconfigPath, server, processes, ready: processes.length > 0 && processes.every((entry) => entry.alive) && apiReady };
}
