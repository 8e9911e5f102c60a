// A benchmark interrupted by Ctrl-C or `kill` must not leave its local cluster behind: the cluster's
// processes outlive node, reparented to PID 1, and keep loading the machine. Stops the cluster, then
// exits 130 (SIGINT) or 143 (SIGTERM), as a shell reports them.
export function stopOnSignals(cluster) {
  const stop = (signal) => {
    process.stderr.write(`\n${signal}: stopping the benchmark's local cluster...\n`);
    cluster.stop()
      .catch((error) => process.stderr.write(`could not stop it: ${error.message}\n`))
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  const onInt = () => stop('SIGINT');
  const onTerm = () => stop('SIGTERM');
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  return cluster;
}
