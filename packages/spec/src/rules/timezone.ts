import { closestMatch } from './did-you-mean.js';

let knownZones: Set<string> | undefined;

function zones(): Set<string> {
  knownZones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC']);
  return knownZones;
}

/**
 * Checks an IANA time zone name (what Dagster's `execution_timezone` takes).
 * Offsets and abbreviations such as `+01:00` or `CET` are not accepted.
 * Returns a message with a suggestion, or undefined when valid.
 */
export function findTimezoneProblem(name: string): string | undefined {
  if (zones().has(name)) return undefined;
  if (/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$/.test(name)) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      return undefined;
    } catch {
      // Fall through to the suggestion below.
    }
  }
  const suggestion = closestMatch(name, zones());
  return `"${name}" is not an IANA time zone${suggestion ? `; did you mean "${suggestion}"?` : ' (e.g. Europe/Berlin, America/New_York, UTC)'}`;
}
