import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** A token service for a test registry (the distribution spec's Bearer token flow). */
export interface TestTokenServer {
  /** The realm URL the registry names in its challenges. */
  readonly realm: string;
  readonly service: string;
  readonly issuer: string;
  /** A JWKS file with the public key the registry verifies tokens with. */
  readonly jwksFile: string;
  /** Token requests seen (scopes asked, whether the caller authenticated), for assertions. */
  readonly requests: { scopes: string[]; user: string | undefined }[];
  stop(): Promise<void>;
}

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/**
 * Starts a tiny token service on a free loopback port: users authenticate
 * with Basic, and a known user gets every action it asks for on every
 * repository; an anonymous caller gets a token with no access (as public
 * token services do), a wrong password gets 401. Tokens are ES256 JWTs with
 * a `kid` the registry finds in `jwksFile`.
 */
export async function startTokenServer(dir: string, users: Readonly<Record<string, string>>): Promise<TestTokenServer> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = randomBytes(8).toString('hex');
  const jwksFile = join(dir, 'jwks.json');
  writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' }] }));
  const service = 'floe-test-registry';
  const issuer = 'floe-test-token-server';
  const requests: { scopes: string[]; user: string | undefined }[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://token');
    const scopes = url.searchParams.getAll('scope').flatMap((scope) => scope.split(' ')).filter(Boolean);
    let user: string | undefined;
    const header = request.headers.authorization ?? '';
    if (header.startsWith('Basic ')) {
      const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const [name, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
      if (users[name] !== password) {
        response.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"wrong user or password"}');
        return;
      }
      user = name;
    }
    requests.push({ scopes, user });
    const access = user
      ? scopes.map((scope) => {
        const [type, ...rest] = scope.split(':');
        const actions = rest.pop()!.split(',');
        return { type, name: rest.join(':'), actions };
      })
      : [];
    const now = Math.floor(Date.now() / 1000);
    const head = base64url(JSON.stringify({ alg: 'ES256', typ: 'JWT', kid }));
    const claims = base64url(JSON.stringify({ iss: issuer, sub: user ?? '', aud: service, exp: now + 300, nbf: now - 10, iat: now, jti: randomBytes(8).toString('hex'), access }));
    const signature = createSign('SHA256').update(`${head}.${claims}`).sign({ key: privateKey, dsaEncoding: 'ieee-p1363' });
    const token = `${head}.${claims}.${base64url(signature)}`;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token, access_token: token, expires_in: 300 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    realm: `http://127.0.0.1:${port}/token`, service, issuer, jwksFile, requests,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
