const macros = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const monthNames = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const dayNames = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const fields: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: monthNames },
  { name: 'day of week', min: 0, max: 7, names: dayNames },
];

function parseValue(text: string, field: CronField): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index < 0) return undefined;
  return field.name === 'month' ? index + 1 : index;
}

function checkPart(part: string, field: CronField): string | undefined {
  const [range = '', step, extra] = part.split('/');
  if (extra !== undefined) return `"${part}" has more than one "/"`;
  if (step !== undefined && (!/^\d+$/.test(step) || Number(step) === 0)) {
    return `step "/${step}" must be a positive number`;
  }
  if (range === '*') return undefined;
  const bounds = range.split('-');
  if (bounds.length > 2) return `"${range}" is not a value or a range`;
  const values = bounds.map((bound) => parseValue(bound, field));
  for (const [index, value] of values.entries()) {
    if (value === undefined) return `"${bounds[index]}" is not a ${field.name} value`;
    if (value < field.min || value > field.max) {
      return `${field.name} ${value} is outside ${field.min}-${field.max}`;
    }
  }
  if (values.length === 2 && values[0]! > values[1]!) return `range "${range}" runs backwards`;
  return undefined;
}

/**
 * Checks a cron expression in the five-field form Dagster's scheduler accepts
 * (minute hour day-of-month month day-of-week, with `*`, lists, ranges, steps
 * and month/day names) or one of the `@daily`-style macros.
 * Returns a description of the first problem, or undefined when valid.
 */
export function findCronProblem(expression: string): string | undefined {
  const trimmed = expression.trim();
  if (macros.has(trimmed)) return undefined;
  const parts = trimmed.split(/\s+/);
  if (parts.length !== fields.length) {
    return `has ${parts.length} field${parts.length === 1 ? '' : 's'}; a cron expression has 5 (minute hour day-of-month month day-of-week)`;
  }
  for (const [index, text] of parts.entries()) {
    const field = fields[index]!;
    for (const part of text.split(',')) {
      const problem = checkPart(part, field);
      if (problem) return `${field.name} field: ${problem}`;
    }
  }
  return undefined;
}
