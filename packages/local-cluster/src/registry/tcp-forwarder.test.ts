import { connect, createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpForwarder, type TcpForwarder } from './tcp-forwarder.js';

/** Answers every line with `echo:<line>`. */
let echo: Server;
let echoPort = 0;
beforeAll(async () => {
  echo = createServer((socket) => socket.on('data', (data) => socket.write(`echo:${data.toString()}`)));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const address = echo.address();
  echoPort = typeof address === 'object' && address ? address.port : 0;
});
afterAll(() => new Promise<void>((resolve) => echo.close(() => resolve())));

/** Sends `message` through 127.0.0.1:port and returns what came back before the peer closed or 1 s passed. */
function exchange(port: number, message: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(message));
    let received = '';
    socket.on('data', (data) => {
      received += data.toString();
      if (received.length >= `echo:${message}`.length) socket.end();
    });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    setTimeout(() => socket.destroy(), 1000);
  });
}

describe('startTcpForwarder', () => {
  let forwarder: TcpForwarder;
  beforeAll(async () => {
    forwarder = await startTcpForwarder({ listenHost: '127.0.0.1', listenPort: 0, targetHost: '127.0.0.1', targetPort: echoPort });
  });
  afterAll(() => forwarder.close());

  it('carries bytes both ways between a client and the target', async () => {
    expect(forwarder.port).not.toBe(echoPort);
    expect(await exchange(forwarder.port, 'GET /v2/ HTTP/1.1\r\n')).toBe('echo:GET /v2/ HTTP/1.1\r\n');
  });

  it('serves several connections at once', async () => {
    const answers = await Promise.all(['a', 'b', 'c'].map((message) => exchange(forwarder.port, message)));
    expect(answers).toEqual(['echo:a', 'echo:b', 'echo:c']);
  });

  it('refuses to start on a port that is taken (EADDRINUSE)', async () => {
    await expect(startTcpForwarder({ listenHost: '127.0.0.1', listenPort: forwarder.port, targetHost: '127.0.0.1', targetPort: echoPort })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('closes the client when the target refuses, and keeps serving', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const broken = await startTcpForwarder({ listenHost: '127.0.0.1', listenPort: 0, targetHost: '127.0.0.1', targetPort: closed });
    try {
      expect(await exchange(broken.port, 'hello')).toBe('');
      expect(await exchange(forwarder.port, 'still')).toBe('echo:still');
    } finally {
      await broken.close();
    }
  });
});
