import { FloeError } from '@floe/errors';

/** The kubeconfig user entry whose exec plugin supplies the credentials. */
export interface CredentialSource {
  readonly user: string;
  readonly execCommand: string;
}

function describe(source: CredentialSource, cause: unknown): string {
  const error = cause as NodeJS.ErrnoException | undefined;
  if (error?.code === 'ENOENT') {
    return `the kubeconfig user "${source.user}" gets its credentials from the plugin "${source.execCommand}", which is not installed or not on PATH; install it or pick another context with --context`;
  }
  return `the credential plugin "${source.execCommand}" of kubeconfig user "${source.user}" failed: ${error?.message ?? String(cause)}; run it by hand to see why (log in again, or fix its arguments in the kubeconfig)`;
}

/**
 * The kubeconfig user's exec credential plugin is missing or failed. Not a
 * connection problem: never reported as "cannot reach the API server".
 */
export class KubeCredentialsError extends FloeError {
  constructor(readonly source: CredentialSource, cause: unknown) {
    super('KUBE_CREDENTIALS', describe(source, cause), { cause, category: 'permission-denied' });
  }
}
