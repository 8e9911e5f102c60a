import { startTcpForwarder } from './tcp-forwarder.js';

/**
 * The registry forwarder process of a local cluster
 * (`node registry-forwarder.js <listen host> <listen port> <target host> <target port>`):
 * `localhost:5001` on the host reaches the platform's registry Service, as
 * kind publishes its registry container on that port. It runs until the
 * cluster's stop (its process group is recorded in the cluster's pid file).
 */
async function main(argv: readonly string[]): Promise<void> {
  const [listenHost, listenPort, targetHost, targetPort] = argv;
  if (!listenHost || !listenPort || !targetHost || !targetPort) {
    process.stderr.write('usage: registry-forwarder.js <listen host> <listen port> <target host> <target port>\n');
    process.exit(2);
  }
  await startTcpForwarder({ listenHost, listenPort: Number(listenPort), targetHost, targetPort: Number(targetPort) });
  process.stdout.write(`forwarding ${listenHost}:${listenPort} -> ${targetHost}:${targetPort}\n`);
}

if (process.argv[1]?.endsWith('registry-forwarder.js')) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`registry forwarder: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
