import { describe, expect, it } from 'vitest';
import { findCronProblem } from '../index.js';

describe('findCronProblem', () => {
  it.each(['0 2 * * *', '*/15 * * * *', '0 0 1,15 * *', '30 3 * * MON-FRI', '0 0 * JAN-MAR 0', '0 12 * * 7', '@hourly', '5-10/2 * * * *'])(
    'accepts %s', (expression) => expect(findCronProblem(expression)).toBeUndefined(),
  );

  it.each([
    ['0 2 * *', 'has 4 fields; a cron expression has 5 (minute hour day-of-month month day-of-week)'],
    ['60 * * * *', 'minute field: minute 60 is outside 0-59'],
    ['* * 0 * *', 'day of month field: day of month 0 is outside 1-31'],
    ['* * * 13 *', 'month field: month 13 is outside 1-12'],
    ['* * * * FUN', 'day of week field: "FUN" is not a day of week value'],
    ['*/0 * * * *', 'minute field: step "/0" must be a positive number'],
    ['10-5 * * * *', 'minute field: range "10-5" runs backwards'],
    ['@often', 'has 1 field; a cron expression has 5 (minute hour day-of-month month day-of-week)'],
  ])('rejects %s', (expression, problem) => expect(findCronProblem(expression)).toBe(problem));
});
