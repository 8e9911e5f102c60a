// The cron grammar of the orchestrator: Dagster's `is_valid_cron_string`
// (croniter's parser, five fields, its February 30/31 rule). Parity is
// tested over a shared corpus of expressions with Dagster's own verdicts
// (cron-dagster-corpus.json; orchestrator/dagster-floe checks the verdicts
// against the pinned Dagster).
// The one difference on purpose: floe also refuses an expression that can
// never fire (`0 0 31 4 *`), which Dagster loads and never runs.

const macros = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const monthNames = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const dayNames = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
/** Days of each month in a leap year: a day that exists in some year can fire. */
const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** `?` (any) is allowed alone: day of month and day of week. */
  readonly anyMark?: boolean;
}

const fields: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31, anyMark: true },
  { name: 'month', min: 1, max: 12, names: monthNames },
  { name: 'day of week', min: 0, max: 7, names: dayNames, anyMark: true },
];

/** What a field allows: every value, or a set (day of month may add `L`, the last day). */
interface Expanded {
  readonly every: boolean;
  readonly values: ReadonlySet<number>;
  readonly lastDay: boolean;
}

class CronProblem extends Error {}

function parseValue(text: string, field: CronField): number {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (value < field.min || value > field.max) throw new CronProblem(`${field.name} ${value} is outside ${field.min}-${field.max}`);
    return value;
  }
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index < 0) throw new CronProblem(`"${text}" is not a ${field.name} value`);
  return field.name === 'month' ? index + 1 : index;
}

/** The values of `from-to/step`; a range that runs backwards wraps around (`FRI-MON`, `22-2`), as croniter reads it. */
function rangeValues(from: number, to: number, step: number, field: CronField): number[] {
  const span = field.max - field.min + 1;
  const count = to >= from ? to - from : to - from + span;
  const values: number[] = [];
  for (let offset = 0; offset <= count; offset += step) values.push(((from - field.min + offset) % span) + field.min);
  return values;
}

function expandItem(item: string, field: CronField): number[] {
  const [range = '', stepText, extra] = item.split('/');
  if (extra !== undefined) throw new CronProblem(`"${item}" has more than one "/"`);
  let step = 1;
  if (stepText !== undefined) {
    if (!/^\d+$/.test(stepText) || Number(stepText) === 0) throw new CronProblem(`step "/${stepText}" must be a positive number`);
    step = Number(stepText);
  }
  if (range === '*') return rangeValues(field.min, field.max, step, field);
  const bounds = range.split('-');
  if (bounds.length > 2 || bounds.some((bound) => bound === '')) throw new CronProblem(`"${range}" is not a value or a range`);
  const from = parseValue(bounds[0]!, field);
  // `a/step` runs from a to the end of the field, as croniter reads it.
  const to = bounds[1] !== undefined ? parseValue(bounds[1], field) : stepText !== undefined ? field.max : from;
  return rangeValues(from, to, step, field);
}

/** Day of week items `n#k` (the k-th weekday n of the month); croniter takes them only among themselves. */
function checkNthWeekdays(items: readonly string[], field: CronField): boolean {
  const nth = items.filter((item) => item.includes('#'));
  if (nth.length === 0) return false;
  if (nth.length !== items.length) throw new CronProblem('"#" items cannot be mixed with other days in one list');
  for (const item of nth) {
    const [day = '', week = ''] = item.split('#');
    parseValue(day, field);
    if (!/^[1-5]$/.test(week)) throw new CronProblem(`"${item}": the week after "#" must be 1-5`);
  }
  return true;
}

function expandField(text: string, field: CronField): Expanded {
  const items = text.split(',');
  if (items.some((item) => item === '')) throw new CronProblem(`"${text}" has an empty list item`);
  if (field.anyMark && text === '?') return { every: true, values: new Set(), lastDay: false };
  if (items.includes('?')) throw new CronProblem(field.anyMark ? '"?" stands alone, not in a list' : '"?" is only allowed for the day of month or the day of week');
  if (field.name === 'day of week' && checkNthWeekdays(items, field)) return { every: false, values: new Set([field.min]), lastDay: false };
  const lastDay = field.name === 'day of month' && items.includes('L');
  const values = new Set(items.filter((item) => !(lastDay && item === 'L')).flatMap((item) => expandItem(item, field)));
  return { every: text === '*', values, lastDay };
}

/** True when the day-of-month and month fields name no day that exists (with any day of week). */
function neverFires(days: Expanded, months: Expanded, weekdays: Expanded): boolean {
  if (!weekdays.every || days.lastDay || days.every || months.every) return false;
  return [...days.values].every((day) => [...months.values].every((month) => day > daysInMonth[month - 1]!));
}

/**
 * Checks a cron expression as the orchestrator (Dagster) reads it: five
 * fields (minute hour day-of-month month day-of-week) with `*`, lists,
 * ranges (wrapping when backwards), steps, month and day names, `L` (last
 * day of the month), `?` and `n#k` (k-th weekday), or an `@daily`-style
 * macro. Returns the first problem, or undefined when valid.
 */
export function findCronProblem(expression: string): string | undefined {
  if (macros.has(expression.toLowerCase())) return undefined;
  const parts = expression.trim().split(/\s+/).filter((part) => part !== '');
  if (parts.length !== fields.length) {
    return `has ${parts.length} field${parts.length === 1 ? '' : 's'}; a cron expression has 5 (minute hour day-of-month month day-of-week)`;
  }
  const expanded: Expanded[] = [];
  for (const [index, text] of parts.entries()) {
    const field = fields[index]!;
    try {
      expanded.push(expandField(text, field));
    } catch (error) {
      if (!(error instanceof CronProblem)) throw error;
      return `${field.name} field: ${error.message}`;
    }
  }
  const [, , days, months, weekdays] = expanded as [Expanded, Expanded, Expanded, Expanded, Expanded];
  // Dagster refuses February 30/31 when they are the only day and month, whatever the day of week.
  const onlyFebruary = !months.every && months.values.size === 1 && months.values.has(2);
  if (onlyFebruary && !days.every && !days.lastDay && days.values.size === 1 && (days.values.has(30) || days.values.has(31))) {
    return `February ${[...days.values][0]} does not exist: it would never fire (and the orchestrator refuses it)`;
  }
  if (neverFires(days, months, weekdays)) return 'names no day that exists (e.g. April 31): it would never fire';
  return undefined;
}
