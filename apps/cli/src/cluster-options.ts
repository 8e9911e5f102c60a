import type { Command } from 'commander';

/** `--kubeconfig` and `--context`, taken by every command that talks to a cluster (as kubectl does; KUBECONFIG is honoured). */
export interface ClusterOptions {
  kubeconfig?: string;
  context?: string;
}

/** Adds --kubeconfig and --context to a command. */
export function clusterOptions(command: Command): Command {
  return command
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context (default: the current one)');
}

/** The kube connection options of the flags given (unset flags left out). */
export function kubeConfigSource(options: ClusterOptions): { kubeconfig?: string; context?: string } {
  return { ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}), ...(options.context ? { context: options.context } : {}) };
}
