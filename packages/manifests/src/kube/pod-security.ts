/** The numeric identity a pod runs as; images that default to root get one explicitly. */
export interface RunAs {
  readonly user: number;
  readonly group: number;
  readonly fsGroup: number;
}

/** Pod-level security context that passes Pod Security "restricted". */
export function podSecurityContext(runAs: RunAs) {
  return {
    runAsNonRoot: true,
    runAsUser: runAs.user,
    runAsGroup: runAs.group,
    fsGroup: runAs.fsGroup,
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Container-level security context: no escalation, no capabilities, read-only root. */
export function containerSecurityContext(runAs: RunAs) {
  return {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser: runAs.user,
    runAsGroup: runAs.group,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}
