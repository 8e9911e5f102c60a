import http2, { type ClientHttp2Session, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http2';
import { PassThrough, type Readable } from 'node:stream';
import { isIP } from 'node:net';
import tls, { type SecureContext } from 'node:tls';

/** How to reach an API server over TLS: its URL and the TLS settings of the kubeconfig's cluster and user. */
export interface Http2Target {
  readonly server: URL;
  readonly secureContext: SecureContext;
  readonly rejectUnauthorized?: boolean;
  readonly servername?: string;
}

/** An answer's status and headers, and its body as a stream. */
export interface StreamedResponse {
  readonly statusCode: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Readable;
}

export interface Http2Request {
  readonly method: string;
  /** Path and query. */
  readonly path: string;
  readonly headers: OutgoingHttpHeaders;
  readonly body: Buffer | undefined;
  readonly signal?: AbortSignal;
}

/**
 * Windows of HTTP/2 flow control, as Go's client sets them (it is what kubectl uses): with the protocol's
 * default of 64 KiB, a large LIST would wait for a window update every 64 KiB, one round trip each.
 */
const streamWindowBytes = 4 * 1024 * 1024;
const connectionWindowBytes = 32 * 1024 * 1024;

/**
 * One multiplexed HTTP/2 connection to the API server, as kubectl keeps:
 * a single TLS handshake, every request a stream of it. The handshake
 * starts when the object is made, so it runs while the caller does other
 * work. When the server does not offer HTTP/2 (ALPN), `request` answers
 * `undefined` and the caller uses HTTP/1.1. A connection the server closes
 * or says GOAWAY on is replaced at the next request; the requests it failed
 * fail with their HTTP/2 error codes, which the client retries as
 * connection losses. Only open streams (and a handshake a request waits
 * for) keep the process alive.
 */
export class Http2Connection {
  private session: Promise<ClientHttp2Session | undefined> | undefined;
  /** The socket while its handshake runs: held open only while a request waits for it. */
  private handshaking: tls.TLSSocket | undefined;
  private active = 0;

  /** Starts the handshake at once. */
  constructor(private readonly target: Http2Target) {
    this.session = this.connect();
    // A failure surfaces at the first request, not as an unhandled rejection.
    this.session.catch(() => undefined);
  }

  /** Sends one request as a stream; resolves once the response headers arrived. Undefined when the server does not speak HTTP/2. */
  async request(request: Http2Request): Promise<StreamedResponse | undefined> {
    const session = await this.usableSession();
    if (!session) return undefined;
    const headers: OutgoingHttpHeaders = { ':method': request.method, ':path': request.path };
    for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name.toLowerCase()] = value;
    const stream = session.request(headers, { endStream: request.body === undefined, ...(request.signal ? { signal: request.signal } : {}) });
    this.hold(session, stream);
    if (request.body !== undefined) stream.end(request.body);
    return new Promise((resolve, reject) => {
      stream.once('response', (answer) => {
        stream.off('error', reject);
        resolve({ statusCode: Number(answer[':status']), headers: answer, body: bodyOf(stream) });
      });
      stream.once('error', reject);
    });
  }

  /** Closes the connection; streams still open are cut. */
  close(): void {
    const session = this.session;
    this.session = undefined;
    void session?.then((open) => open?.destroy(), () => undefined);
  }

  /** The open session, a new one when it was closed or its handshake failed (that failure is this request's). */
  private async usableSession(): Promise<ClientHttp2Session | undefined> {
    this.session ??= this.connect();
    const pending = this.session;
    this.handshaking?.ref();
    let session: ClientHttp2Session | undefined;
    try {
      session = await pending;
    } catch (error) {
      if (this.session === pending) this.session = undefined;
      throw error;
    }
    if (session && (session.closed || session.destroyed)) {
      if (this.session === pending) this.session = undefined;
      return this.usableSession();
    }
    return session;
  }

  /** The session keeps the process alive only while a stream is open. */
  private hold(session: ClientHttp2Session, stream: http2.ClientHttp2Stream): void {
    if (this.active++ === 0) session.ref();
    stream.once('close', () => {
      if (--this.active === 0 && !session.destroyed) session.unref();
    });
  }

  private connect(): Promise<ClientHttp2Session | undefined> {
    const { server, secureContext, rejectUnauthorized, servername } = this.target;
    const host = server.hostname.replace(/^\[|\]$/g, '');
    return new Promise((resolve, reject) => {
      const socket = tls.connect({
        host,
        port: Number(server.port || 443),
        secureContext,
        ALPNProtocols: ['h2', 'http/1.1'],
        ...(rejectUnauthorized !== undefined ? { rejectUnauthorized } : {}),
        ...(servername ? { servername } : isIP(host) ? {} : { servername: host }),
      });
      socket.unref();
      this.handshaking = socket;
      socket.once('error', (error: Error) => {
        if (this.handshaking === socket) this.handshaking = undefined;
        reject(error);
      });
      socket.once('secureConnect', () => {
        if (this.handshaking === socket) this.handshaking = undefined;
        socket.removeAllListeners('error');
        if (socket.alpnProtocol !== 'h2') {
          socket.destroy();
          resolve(undefined);
          return;
        }
        const session = http2.connect(server.origin, {
          createConnection: () => socket,
          settings: { initialWindowSize: streamWindowBytes },
          // Buffered frames of many concurrent LISTs and watches: well above the 10 MB default.
          maxSessionMemory: 64,
        });
        session.once('connect', () => session.setLocalWindowSize(connectionWindowBytes));
        session.unref();
        // Errors reach the streams; a closed or failed session is replaced at the next request.
        session.on('error', () => undefined);
        // The server drains this connection (it is shutting down, or balancing load): new requests open another.
        session.once('goaway', () => session.close());
        resolve(session);
      });
    });
  }
}

/**
 * A stream's body, read from the moment its headers arrived: a stream that has received all its data closes, and one
 * closed before its reader began would end that reader with a premature close. A stream that fails, or is reset or
 * cancelled with an error code, fails its body; a connection lost mid-answer can end a stream as if it were
 * complete, which the client tells from the JSON that does not parse.
 */
function bodyOf(stream: http2.ClientHttp2Stream): Readable {
  const body = new PassThrough();
  stream.on('error', (error: Error) => body.destroy(error));
  stream.once('close', () => {
    if (stream.rstCode !== undefined && stream.rstCode !== http2.constants.NGHTTP2_NO_ERROR && !body.writableEnded) {
      body.destroy(Object.assign(new Error(`the API server's answer was cut off (HTTP/2 stream closed with code ${stream.rstCode})`), { code: 'ERR_HTTP2_STREAM_ERROR' }));
    }
  });
  // A reader that stops early (a watch closed, a log no longer followed) ends the stream.
  body.once('close', () => {
    if (!stream.closed) stream.close(http2.constants.NGHTTP2_CANCEL);
  });
  stream.pipe(body);
  return body;
}
