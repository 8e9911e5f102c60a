import type { DeployEvent } from '@floe/apply';
import type { Output } from '../output.js';

const colors = { green: '\u001b[32m', yellow: '\u001b[33m', red: '\u001b[31m', dim: '\u001b[2m', reset: '\u001b[0m' };

function describeRef(ref: { kind: string; name: string; namespace?: string }): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

/**
 * Prints deploy events: a JSON object per line with `--output json`; else one
 * line per change with the elapsed time, coloured on a TTY. Unchanged objects
 * are summarised, not listed.
 */
export function deployProgress(output: Output, format: 'text' | 'json', tty: boolean): (event: DeployEvent) => void {
  const started = Date.now();
  const paint = (color: keyof typeof colors, text: string) => (tty ? `${colors[color]}${text}${colors.reset}` : text);
  return (event) => {
    if (format === 'json') {
      output.out(JSON.stringify({ time: new Date().toISOString(), ...event }));
      return;
    }
    const elapsed = paint('dim', `[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s]`);
    switch (event.type) {
      case 'phase':
        output.out(`${elapsed} phase ${event.phase} (${event.objects} objects)`);
        break;
      case 'applied':
        if (event.action !== 'unchanged') output.out(`${elapsed}   ${paint('green', event.action.padEnd(10))} ${describeRef(event.ref)}`);
        break;
      case 'credential':
        if (event.action === 'created') output.out(`${elapsed}   ${paint('green', 'generated'.padEnd(10))} Secret ${event.namespace}/${event.secret} (kept across upgrades)`);
        break;
      case 'waiting': {
        const color = event.state === 'Current' ? 'green' : event.state === 'Failed' ? 'red' : 'yellow';
        output.out(`${elapsed}   ${paint(color, (event.state === 'Current' ? 'ready' : event.state === 'Failed' ? 'failed' : 'waiting').padEnd(10))} ${describeRef(event.ref)}: ${event.message}`);
        break;
      }
      case 'pruned':
        output.out(`${elapsed}   ${paint('yellow', 'pruned'.padEnd(10))} ${describeRef(event.ref)}`);
        break;
      case 'prune-skipped':
        output.out(`${elapsed}   ${paint('dim', 'kept'.padEnd(10))} ${describeRef(event.ref)}: ${event.reason}`);
        break;
      case 'switched':
        output.out(`${elapsed}   ${paint('green', 'switched'.padEnd(10))} ${describeRef(event.ref)} from ${event.from ?? 'none'} to ${event.to} (${event.deployment})`);
        break;
      case 'retiring':
        output.out(`${elapsed}   ${paint('dim', 'draining'.padEnd(10))} Deployment ${event.namespace}/${event.deployment}: removed in ${event.seconds} s, once every node routes to the new colour`);
        break;
      case 'revision':
        output.out(`${elapsed} recorded revision ${event.number}`);
        break;
      case 'rollback':
        output.out(`${elapsed} ${paint('red', 'rolling back')} to revision ${event.toRevision}: ${event.reason}`);
        break;
    }
  };
}
