import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePki, metricsServerDnsNames, type ClusterPki } from './generate-pki.js';

const text = (cert: string) => execFileSync('openssl', ['x509', '-in', cert, '-noout', '-text'], { encoding: 'utf8' });
const subject = (cert: string) => execFileSync('openssl', ['x509', '-in', cert, '-noout', '-subject', '-nameopt', 'RFC2253'], { encoding: 'utf8' }).trim();
const verifies = (ca: string, cert: string) => {
  try {
    execFileSync('openssl', ['verify', '-CAfile', ca, cert], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

let dir: string;
let pki: ClusterPki;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'floe-pki-'));
  pki = generatePki(dir, { node: { name: 'floe-node', ip: '10.250.0.1' } });
  // Ten RSA keys from openssl: seconds on a shared 2-core machine.
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generatePki', () => {
  it('gives the aggregation layer a CA of its own: the front-proxy client is signed by it and not by the cluster CA', () => {
    expect(subject(pki.frontProxy.clientCert)).toBe(`subject=CN=${pki.frontProxy.clientName}`);
    expect(pki.frontProxy.clientName).toBe('front-proxy-client');
    expect(verifies(pki.frontProxy.caCert, pki.frontProxy.clientCert)).toBe(true);
    expect(verifies(pki.caCert, pki.frontProxy.clientCert)).toBe(false);
    // A cluster client (the admin) cannot pass as the front proxy.
    expect(verifies(pki.frontProxy.caCert, pki.adminCert)).toBe(false);
    expect(text(pki.frontProxy.clientCert)).toContain('TLS Web Client Authentication');
  });

  it('signs metrics-server\'s serving certificate with the cluster CA for its Service\'s names (the APIService checks it)', () => {
    const cert = pki.node!.metricsServerCert;
    expect(verifies(pki.caCert, cert)).toBe(true);
    const details = text(cert);
    for (const name of metricsServerDnsNames) expect(details).toContain(`DNS:${name}`);
    expect(details).toContain('TLS Web Server Authentication');
  });

  it('issues the kubelet\'s serving certificate for the node IP (metrics-server verifies it with the cluster CA)', () => {
    expect(verifies(pki.caCert, pki.node!.kubeletServingCert)).toBe(true);
    expect(text(pki.node!.kubeletServingCert)).toContain('IP Address:10.250.0.1');
  });
});
