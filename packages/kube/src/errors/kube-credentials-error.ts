import { FloeError } from '@floe/errors';

/** The part of a kubeconfig user entry that says where credentials come from. */
export interface CredentialSource {
  readonly user: string;
  /** The exec plugin's command, when the user entry has one. */
  readonly execCommand?: string;
}

function describe(source: CredentialSource, cause: unknown): string {
  const error = cause as NodeJS.ErrnoException | undefined;
  const plugin = source.execCommand;
  if (plugin && error?.code === 'ENOENT') {
    return `the kubeconfig user "${source.user}" gets its credentials from the plugin "${plugin}", which is not installed or not on PATH; install it or pick another context with --context`;
  }
  const detail = error?.message ?? String(cause);
  return plugin
    ? `the credential plugin "${plugin}" of kubeconfig user "${source.user}" failed: ${detail}; run it by hand to see why (log in again, or fix its arguments in the kubeconfig)`
    : `cannot read the credentials of kubeconfig user "${source.user}": ${detail}; fix the user entry of the kubeconfig`;
}

/**
 * The credentials of the kubeconfig's user could not be obtained: its exec
 * plugin is missing or failed, or a token or certificate file is unreadable.
 * Not a connection problem: reported as such, never as "cannot reach".
 */
export class KubeCredentialsError extends FloeError {
  constructor(readonly source: CredentialSource, cause: unknown) {
    super('KUBE_CREDENTIALS', describe(source, cause), { cause, category: 'permission-denied' });
  }
}
