import { describe, expect, it } from 'vitest';
import { findCronProblem } from '../index.js';

describe('findCronProblem', () => {
  it.each(['0 2 * * *', '*/15 * * * *', '0 0 1,15 * *', '30 3 * * MON-FRI', '0 0 * JAN-MAR 0', '0 12 * * 7', '@hourly', '5-10/2 * * * *', '0 22-2 * * *', '0 0 L * *', '0 0 * * 1#2', '0 0 ? * *', '0 0 29 2 *', '0 0 31 4 1'])(
    'accepts %s', (expression) => expect(findCronProblem(expression)).toBeUndefined(),
  );

  it.each([
    ['0 2 * *', 'has 4 fields; a cron expression has 5 (minute hour day-of-month month day-of-week)'],
    ['60 * * * *', 'minute field: minute 60 is outside 0-59'],
    ['* * 0 * *', 'day of month field: day of month 0 is outside 1-31'],
    ['* * * 13 *', 'month field: month 13 is outside 1-12'],
    ['* * * * FUN', 'day of week field: "FUN" is not a day of week value'],
    ['*/0 * * * *', 'minute field: step "/0" must be a positive number'],
    ['0 0 31 2 *', 'February 31 does not exist: it would never fire (and the orchestrator refuses it)'],
    ['0 0 31 4 *', 'names no day that exists (e.g. April 31): it would never fire'],
    ['0 0 L-2 * *', 'day of month field: "L" is not a day of month value'],
    ['0 0 * * MON,WED#2', 'day of week field: "#" items cannot be mixed with other days in one list'],
    ['0 0 * * 1#6', 'day of week field: "1#6": the week after "#" must be 1-5'],
    ['? 0 * * *', 'minute field: "?" is only allowed for the day of month or the day of week'],
    ['@often', 'has 1 field; a cron expression has 5 (minute hour day-of-month month day-of-week)'],
  ])('rejects %s', (expression, problem) => expect(findCronProblem(expression)).toBe(problem));
});
