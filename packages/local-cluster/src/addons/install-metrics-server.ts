import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeClient, ResourceClient, type KubeObject } from '@floe/kube';
import { LocalClusterError } from '../local-cluster-error.js';
import { waitUntil } from '../readiness/wait-until.js';
import { whyPodsWait } from '../readiness/why-pods-wait.js';
import { realNodeName } from '../node/real-node.js';
import { metricsApiService, metricsServerName, metricsServerNamespace, metricsServerObjects, type MetricsServerCertificates } from './metrics-server.js';

interface ApiServiceStatus { status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[] } }

/**
 * Installs metrics-server (see metricsServerObjects) and waits until the API
 * server reports its APIService Available — metrics-server answers once it
 * has scraped the kubelet, about one metric resolution after start. If it
 * does not become Available in time, the APIService is removed again (an
 * unavailable aggregated API stalls namespace deletion and garbage
 * collection for the whole cluster) and the error says why.
 */
export async function installMetricsServer(resources: ResourceClient, image: string, certificates: MetricsServerCertificates, options: { timeoutMs?: number } = {}): Promise<void> {
  for (const object of metricsServerObjects(image, certificates)) await resources.apply(object, { force: true });
  const ref = { apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', name: metricsApiService } as const;
  let last = 'no status yet';
  try {
    await waitUntil(`APIService ${metricsApiService} Available`, async () => {
      const available = (await resources.get<KubeObject & ApiServiceStatus>(ref))?.status?.conditions?.find((condition) => condition.type === 'Available');
      if (available) last = `${available.reason ?? ''}: ${available.message ?? ''}`;
      return available?.status === 'True';
    }, { timeoutMs: options.timeoutMs ?? 90_000, intervalMs: 1000 });
  } catch (error) {
    const why = await whyPodsWait(resources, { namespace: metricsServerNamespace, labelSelector: `k8s-app=${metricsServerName}` }, realNodeName);
    await resources.delete(ref).catch(() => undefined);
    throw new LocalClusterError('METRICS_SERVER_UNAVAILABLE', `metrics-server (${image}) did not serve ${metricsApiService} (${last}); its APIService was removed again. Read its log: kubectl -n ${metricsServerNamespace} logs deploy/${metricsServerName}\n${why}`, { cause: error });
  }
}

/** The metrics-server certificates of the local cluster kept in `clusterDir` (its `pki` folder). */
export function metricsServerCertificatesIn(clusterDir: string): MetricsServerCertificates {
  const pki = (name: string) => readFileSync(join(clusterDir, 'pki', name), 'utf8');
  try {
    return { servingCert: pki('metrics-server.crt'), servingKey: pki('metrics-server.key'), caCert: pki('ca.crt') };
  } catch (error) {
    throw new LocalClusterError('REAL_NODE_NOT_RUNNING', `the cluster in ${clusterDir} has no metrics-server certificate (started without a real node?); start it with: floe dev up`, { cause: error });
  }
}

/** installMetricsServer for the local cluster kept in `clusterDir` (what `floe dev load` of a metrics-server image uses). */
export async function installMetricsServerIn(clusterDir: string, image: string, options: { timeoutMs?: number } = {}): Promise<void> {
  const certificates = metricsServerCertificatesIn(clusterDir);
  const client = await KubeClient.connect({ kubeconfig: join(clusterDir, 'kubeconfig') });
  try {
    await installMetricsServer(new ResourceClient(client), image, certificates, options);
  } finally {
    client.close();
  }
}
