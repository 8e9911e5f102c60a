// The module that defines KubeConfig, not the package index: the index also loads
// the generated API clients, watch, exec, attach, port-forward and cp, which floe
// never uses (its own requests go through KubeClient). Loaded on first use, so
// importing @floe/kube (or a command that never reads a kubeconfig) does not pay for it.
import type { KubeConfig } from '@kubernetes/client-node/dist/config.js';
import { KubeConfigError } from '../errors/kube-api-error.js';

const kubeConfigModule = () => import('@kubernetes/client-node/dist/config.js');

/** Which cluster to talk to, as kubectl chooses it. */
export interface KubeConfigSource {
  /** A kubeconfig file; default: `KUBECONFIG`, then `~/.kube/config`, then in-cluster config. */
  readonly kubeconfig?: string;
  /** A context of that kubeconfig; default: its current context. */
  readonly context?: string;
}

/** Loads a kubeconfig the way kubectl does (`--kubeconfig`, `KUBECONFIG`, `--context`, in-cluster). */
export async function loadKubeConfig(source: KubeConfigSource = {}): Promise<KubeConfig> {
  const { KubeConfig } = await kubeConfigModule();
  const config = new KubeConfig();
  try {
    if (source.kubeconfig) config.loadFromFile(source.kubeconfig);
    else config.loadFromDefault();
  } catch (error) {
    throw new KubeConfigError(`cannot load kubeconfig${source.kubeconfig ? ` ${source.kubeconfig}` : ''}: ${(error as Error).message}`, { cause: error });
  }
  if (source.context) {
    if (!config.getContexts().some((context) => context.name === source.context)) {
      const known = config.getContexts().map((context) => context.name).join(', ') || 'none';
      throw new KubeConfigError(`context "${source.context}" is not in the kubeconfig (contexts: ${known})`);
    }
    config.setCurrentContext(source.context);
  }
  if (!config.getCurrentCluster()) {
    throw new KubeConfigError('the kubeconfig names no cluster for its current context; pass --kubeconfig or --context');
  }
  return config;
}
