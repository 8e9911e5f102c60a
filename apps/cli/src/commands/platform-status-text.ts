import type { PlatformStatus } from '@floe/apply';

/** Healthy, exactly as the last revision deployed it, and the last deploy succeeded: what `floe platform status` exits 0 for. */
export function isUpToDate(status: PlatformStatus): boolean {
  return status.healthy && status.drift.length === 0 && status.lastDeploy?.outcome !== 'failed';
}

/** `floe platform status` for people: a headline, the failed deploy and the drift when there are, then one line per service. */
export function describeStatus(status: PlatformStatus): string[] {
  const revision = status.revision ? ` (revision ${status.revision}, deployed ${status.deployedAt ?? '?'})` : '';
  const qualifiers = [
    ...(status.drift.length > 0 ? [`DRIFTED: ${status.drift.length} object${status.drift.length === 1 ? ' differs' : 's differ'} from the revision`] : []),
    ...(status.lastDeploy?.outcome === 'failed' ? ['last deploy FAILED'] : []),
  ];
  const lines = [`platform ${status.platform}: ${status.healthy ? 'healthy' : 'NOT healthy'}${revision}${qualifiers.length > 0 ? `; ${qualifiers.join('; ')}` : ''}`];
  if (status.lastDeploy?.outcome === 'failed') {
    const serving = status.revision ? `revision ${status.revision} still serves` : 'no revision serves';
    lines.push(`  last deploy failed at ${status.lastDeploy.at} (${serving}): ${status.lastDeploy.message?.split('\n')[0] ?? 'no reason recorded'}`);
  }
  for (const drift of status.drift) lines.push(`  drift: ${drift.message}`);
  if (status.drift.length > 0) lines.push('  (floe platform diff -f platform.yaml shows it all; floe platform deploy restores the revision)');
  for (const service of status.services) {
    const restarts = service.restarts > 0 ? `restarts ${service.restarts}${service.lastRestartReason ? ` (last: ${service.lastRestartReason})` : ''}` : '';
    const notes = [service.state === 'Current' ? '' : service.message, restarts].filter((note) => note !== '').join('; ');
    lines.push(`  ${service.state.padEnd(10)} ${`${service.kind}/${service.name}`.padEnd(48)} ${service.replicas.padEnd(6)} ${service.version.padEnd(12)} ${notes}`.trimEnd());
  }
  if (status.objects === 0) lines.push('  nothing deployed (no inventory)');
  else if (status.services.length === 0) lines.push(`  no workloads (${status.objects} objects: namespaces, configuration, RBAC, policies)`);
  return lines;
}
