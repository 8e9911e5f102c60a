import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalClusterError } from '../local-cluster-error.js';

/** File paths of the local cluster's certificates and keys. */
export interface ClusterPki {
  readonly caCert: string;
  readonly caKey: string;
  readonly serverCert: string;
  readonly serverKey: string;
  /** Client certificate of the admin user (O=system:masters). */
  readonly adminCert: string;
  readonly adminKey: string;
  /** Key pair that signs and verifies service-account tokens. */
  readonly serviceAccountKey: string;
  readonly serviceAccountPublicKey: string;
  /** The aggregation layer's own CA and the API server's client certificate towards extension API servers. */
  readonly frontProxy: FrontProxyPki;
  /** Certificates of a real node, when one was asked for. */
  readonly node?: NodePki;
}

/** The real node's certificates: the kubelet's client (system:node:<name>) and serving ones, and kube-proxy's client. */
export interface NodePki {
  readonly kubeletCert: string;
  readonly kubeletKey: string;
  readonly kubeletServingCert: string;
  readonly kubeletServingKey: string;
  readonly kubeProxyCert: string;
  readonly kubeProxyKey: string;
  /** metrics-server's serving certificate (signed by the cluster CA, for the Service's DNS names): the APIService verifies it. */
  readonly metricsServerCert: string;
  readonly metricsServerKey: string;
}

/**
 * The aggregation layer's PKI, as kubeadm lays it out: a CA of its own (an
 * extension API server trusts request headers only from a client this CA
 * signed, never from any cluster client), and the API server's client
 * certificate, CN `front-proxy-client` (the one allowed name).
 */
export interface FrontProxyPki {
  readonly caCert: string;
  readonly clientCert: string;
  readonly clientKey: string;
  /** The CN an extension API server accepts request headers from. */
  readonly clientName: string;
}

/** The DNS names metrics-server's Service answers to, in its serving certificate. */
export const metricsServerDnsNames = ['metrics-server.kube-system.svc', 'metrics-server.kube-system.svc.cluster.local'] as const;

function openssl(args: readonly string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    throw new LocalClusterError('PKI_FAILED', `openssl ${args[0] ?? ''} failed: ${String((error as { stderr?: Buffer }).stderr ?? error)}; is openssl installed?`, { cause: error });
  }
}

/**
 * Generates the PKI of a local cluster with openssl: a CA, the API server's
 * serving certificate (SANs: localhost, 127.0.0.1, the kubernetes Service
 * names and IP, and the node IP when there is a real node), an admin client
 * certificate and the service-account key pair; with `node`, the kubelet's
 * client certificate (O=system:nodes, CN=system:node:<name>, what the Node
 * authorizer and NodeRestriction expect), its serving certificate and
 * kube-proxy's client certificate (CN=system:kube-proxy, bound by default to
 * system:node-proxier) and metrics-server's serving certificate; and the
 * aggregation layer's front-proxy CA and client certificate.
 */
export function generatePki(dir: string, options: { node?: { name: string; ip: string } } = {}): ClusterPki {
  mkdirSync(dir, { recursive: true });
  const path = (name: string) => join(dir, name);
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '30', '-subj', '/CN=floe-local-ca'], dir);
  writeFileSync(path('server.ext'), [
    'basicConstraints=CA:FALSE',
    'keyUsage=digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth,clientAuth',
    `subjectAltName=DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:127.0.0.1,IP:10.96.0.1${options.node ? `,IP:${options.node.ip}` : ''}`,
  ].join('\n'));
  writeFileSync(path('client.ext'), 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n');
  const issue = (name: string, subject: string, extensions: string, ca = 'ca') => {
    openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject], dir);
    openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-out', `${name}.crt`, '-days', '30', '-extfile', extensions], dir);
  };
  issue('server', '/CN=kube-apiserver', 'server.ext');
  issue('admin', '/O=system:masters/CN=floe-admin', 'client.ext');
  const frontProxyClientName = 'front-proxy-client';
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'front-proxy-ca.key', '-out', 'front-proxy-ca.crt', '-days', '30', '-subj', '/CN=floe-local-front-proxy-ca'], dir);
  issue('front-proxy-client', `/CN=${frontProxyClientName}`, 'client.ext', 'front-proxy-ca');
  const frontProxy: FrontProxyPki = { caCert: path('front-proxy-ca.crt'), clientCert: path('front-proxy-client.crt'), clientKey: path('front-proxy-client.key'), clientName: frontProxyClientName };
  let node: NodePki | undefined;
  if (options.node) {
    writeFileSync(path('kubelet-serving.ext'), [
      'basicConstraints=CA:FALSE', 'keyUsage=digitalSignature,keyEncipherment', 'extendedKeyUsage=serverAuth',
      `subjectAltName=DNS:${options.node.name},IP:${options.node.ip}`,
    ].join('\n'));
    issue('kubelet', `/O=system:nodes/CN=system:node:${options.node.name}`, 'client.ext');
    issue('kubelet-serving', `/CN=${options.node.name}`, 'kubelet-serving.ext');
    issue('kube-proxy', '/CN=system:kube-proxy', 'client.ext');
    writeFileSync(path('metrics-server.ext'), [
      'basicConstraints=CA:FALSE', 'keyUsage=digitalSignature,keyEncipherment', 'extendedKeyUsage=serverAuth',
      `subjectAltName=${metricsServerDnsNames.map((name) => `DNS:${name}`).join(',')}`,
    ].join('\n'));
    issue('metrics-server', `/CN=${metricsServerDnsNames[0]}`, 'metrics-server.ext');
    node = {
      kubeletCert: path('kubelet.crt'), kubeletKey: path('kubelet.key'),
      kubeletServingCert: path('kubelet-serving.crt'), kubeletServingKey: path('kubelet-serving.key'),
      kubeProxyCert: path('kube-proxy.crt'), kubeProxyKey: path('kube-proxy.key'),
      metricsServerCert: path('metrics-server.crt'), metricsServerKey: path('metrics-server.key'),
    };
  }
  openssl(['genrsa', '-out', 'sa.key', '2048'], dir);
  openssl(['rsa', '-in', 'sa.key', '-pubout', '-out', 'sa.pub'], dir);
  return {
    caCert: path('ca.crt'), caKey: path('ca.key'),
    serverCert: path('server.crt'), serverKey: path('server.key'),
    adminCert: path('admin.crt'), adminKey: path('admin.key'),
    serviceAccountKey: path('sa.key'), serviceAccountPublicKey: path('sa.pub'),
    frontProxy,
    ...(node ? { node } : {}),
  };
}
