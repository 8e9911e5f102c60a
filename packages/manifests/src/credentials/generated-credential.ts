/**
 * A Secret floe does not render but asks the apply step to create once and
 * keep across upgrades (never regenerated): database passwords, MinIO root
 * credentials, Polaris root credentials, ... Workloads reference it by name.
 */
export interface GeneratedCredential {
  readonly secretName: string;
  /** Every namespace that needs a copy (the same values in each). */
  readonly namespaces: readonly string[];
  /** What the credential is for, shown to users. */
  readonly purpose: string;
  readonly keys: readonly GeneratedKey[];
}

export interface GeneratedKey {
  readonly key: string;
  /** Number of characters to generate. */
  readonly length: number;
  /** `alphanumeric` = [A-Za-z0-9]; `hex` = [0-9a-f]. */
  readonly alphabet: 'alphanumeric' | 'hex';
}

/** Annotation on workloads that consume generated credentials: the Secret names, comma-separated. */
export const generatedCredentialAnnotation = 'floe.dev/generated-credential';
