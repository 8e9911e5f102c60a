import type { FrontProxyPki } from '../pki/generate-pki.js';

/**
 * kube-apiserver flags of the aggregation layer (what serves
 * `metrics.k8s.io` through metrics-server), as kubeadm sets them: the API
 * server proxies to an extension API server with its front-proxy client
 * certificate and passes the user in the X-Remote-* headers, which the
 * extension server trusts only from that CA and that name (it reads both
 * from the extension-apiserver-authentication ConfigMap the API server
 * publishes). With a real node, requests go straight to the extension
 * server's endpoint (the pod IP, which this host routes to over the CNI
 * bridge) rather than through its ClusterIP: the control plane runs beside
 * the node, not on it, so it should not depend on kube-proxy's rules.
 */
export function aggregationLayerArgs(frontProxy: FrontProxyPki, options: { routeToEndpoints: boolean }): string[] {
  return [
    `--requestheader-client-ca-file=${frontProxy.caCert}`,
    `--requestheader-allowed-names=${frontProxy.clientName}`,
    '--requestheader-username-headers=X-Remote-User',
    '--requestheader-group-headers=X-Remote-Group',
    '--requestheader-extra-headers-prefix=X-Remote-Extra-',
    `--proxy-client-cert-file=${frontProxy.clientCert}`,
    `--proxy-client-key-file=${frontProxy.clientKey}`,
    ...(options.routeToEndpoints ? ['--enable-aggregator-routing=true'] : []),
  ];
}
