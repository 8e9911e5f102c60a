import { connect, createServer, type Server, type Socket } from 'node:net';

/** Where a forwarder listens and where it sends each connection. */
export interface TcpForwarderOptions {
  readonly listenHost: string;
  readonly listenPort: number;
  readonly targetHost: string;
  readonly targetPort: number;
}

/** A listening forwarder. */
export interface TcpForwarder {
  /** The port it listens on (the OS's pick when `listenPort` was 0). */
  readonly port: number;
  /** Stops listening and ends the open connections. */
  close(): Promise<void>;
}

/**
 * Forwards every TCP connection accepted on `listenHost:listenPort` to
 * `targetHost:targetPort`, bytes unchanged both ways (an HTTP registry
 * behind it sees the client's requests as sent). A failed upstream
 * connection closes the client's; one connection's failure never stops the
 * forwarder. Rejects when the port cannot be bound (`EADDRINUSE`).
 */
export function startTcpForwarder(options: TcpForwarderOptions): Promise<TcpForwarder> {
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect({ host: options.targetHost, port: options.targetPort });
    open.add(client);
    open.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listenPort, options.listenHost, () => {
      server.off('error', reject);
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.listenPort;
      resolve({
        port,
        close: () => new Promise((resolveClose) => {
          for (const socket of open) socket.destroy();
          server.close(() => resolveClose());
        }),
      });
    });
  });
}
