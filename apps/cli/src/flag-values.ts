import { InvalidArgumentError } from 'commander';

/**
 * A parser for a whole-number flag (`--timeout 600`, `--attempt 2`) with a
 * lower bound. Anything else (`abc`, `1.5`, `-3`, `1e3`, an empty value) is a
 * usage error (exit 2) before the command runs.
 */
export function wholeNumber(minimum: number): (value: string) => number {
  return (value: string) => {
    const parsed = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < minimum) throw new InvalidArgumentError(`expected a whole number of at least ${minimum}`);
    return parsed;
  };
}

/** `--dry-run` modes: only a server-side dry run (the client-side one is `floe render`). */
export type DryRunMode = 'server';

export function parseDryRun(value: string): DryRunMode {
  if (value === 'server') return value;
  throw new InvalidArgumentError('use "server" (a client-side dry run is `floe render`)');
}

/** A repeatable option's values, in the order given (`-p a.yaml -p b.yaml`). */
export const repeatable = (value: string, previous: string[]): string[] => [...previous, value];
