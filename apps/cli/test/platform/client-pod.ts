import { restrictedContainer, waitForPod, type TestNamespace } from '@floe/local-cluster/testing';

/** An HTTP/1.0 GET of `path` on `host:port` by hand: the toolbox's busybox has nc, not wget. */
export function ncHttpGet(host: string, port: number, path: string): string {
  return `printf 'GET ${path} HTTP/1.0\\r\\n\\r\\n' | nc -w 3 ${host} ${port}`;
}

/**
 * A long-running client pod of the toolbox image (restricted, non-root, no
 * token) that runs `script` until the test deletes its namespace; returns
 * once the pod runs.
 */
export async function startClientPod(ns: TestNamespace, options: { name: string; image: string; script: string }): Promise<void> {
  await ns.resources.apply({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: options.name, namespace: ns.name },
    spec: {
      terminationGracePeriodSeconds: 0, automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{ name: 'main', image: options.image, imagePullPolicy: 'Never', securityContext: restrictedContainer, command: ['/bin/sh', '-c', options.script] }],
    },
  });
  await waitForPod(ns, options.name, (status) => status.phase === 'Running');
}
