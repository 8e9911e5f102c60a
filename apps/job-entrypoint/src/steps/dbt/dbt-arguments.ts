import type { DbtStep } from '@floe/spec';
import { dbtProfileName } from './dbt-profile.js';

export interface DbtPaths {
  readonly projectDir: string;
  readonly profilesDir: string;
  readonly targetPath: string;
  readonly logPath: string;
}

/** dbt commands that accept `--full-refresh`. */
const fullRefreshCommands = new Set(['run', 'build', 'seed']);

/**
 * The dbt command line for a step: JSON logs, and every path that dbt writes
 * (target/, logs/, profiles) outside the read-only project dir.
 */
export function dbtArguments(step: DbtStep, target: string, paths: DbtPaths): string[] {
  const args = [
    step.command,
    '--project-dir', paths.projectDir,
    '--profiles-dir', paths.profilesDir,
    '--profile', dbtProfileName,
    '--target', target,
    '--target-path', paths.targetPath,
    '--log-path', paths.logPath,
    '--log-format', 'json',
  ];
  if (step.select.length > 0) args.push('--select', ...step.select);
  if (step.exclude.length > 0) args.push('--exclude', ...step.exclude);
  if (step.fullRefresh && fullRefreshCommands.has(step.command)) args.push('--full-refresh');
  if (Object.keys(step.vars).length > 0) args.push('--vars', JSON.stringify(step.vars));
  return args;
}
