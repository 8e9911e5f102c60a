import https from 'node:https';
import http from 'node:http';

/** True when GET `url` answers 200 (TLS with the given CA and optional client certificate). */
export function httpGetOk(url: string, tls: { ca?: Buffer; cert?: Buffer; key?: Buffer } = {}): Promise<boolean> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const transport = target.protocol === 'https:' ? https : http;
    const request = transport.get(url, { ...tls, timeout: 2000, ...(target.protocol === 'https:' ? { rejectUnauthorized: Boolean(tls.ca) } : {}) }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}
