import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file kwok serves as every container's log (CRI log format), and the config that says so. */
export interface KwokLogs {
  readonly configFile: string;
  /** Append `formatCriLogLine(...)` lines here; `kubectl logs -f` and the API's pods/log stream them. */
  readonly logsFile: string;
}

/** One line in CRI log format, the only format kwok reads from a logs file. */
export function formatCriLogLine(text: string, time: Date = new Date(), stream: 'stdout' | 'stderr' = 'stdout'): string {
  return `${time.toISOString().replace('Z', '000000Z')} ${stream} F ${text}\n`;
}

/**
 * Writes kwok's ClusterLogs config: every container of every pod on the fake
 * nodes serves the same canned logs file through the real `pods/log` API path
 * (API server -> kwok's kubelet endpoint).
 */
export function writeKwokLogsConfig(dir: string): KwokLogs {
  mkdirSync(dir, { recursive: true });
  const logsFile = join(dir, 'container.log');
  const configFile = join(dir, 'cluster-logs.yaml');
  writeFileSync(logsFile, formatCriLogLine('floe local cluster: canned container log', new Date(0)));
  writeFileSync(configFile, [
    'apiVersion: kwok.x-k8s.io/v1alpha1',
    'kind: ClusterLogs',
    'metadata:',
    '  name: floe-canned-logs',
    'spec:',
    '  selector: {}',
    '  logs:',
    '  - containers: []',
    `    logsFile: ${logsFile}`,
    '    follow: true',
    '',
  ].join('\n'));
  return { configFile, logsFile };
}
