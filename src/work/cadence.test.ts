import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Frequency, firstRunAt, isDue, nextRunAfter } from './cadence.ts';

const d = (iso: string) => new Date(iso);

describe('firstRunAt', () => {
  const cases: Array<{ name: string; frequency: Frequency; now: string; want: string }> = [
    {
      name: 'daily, mid-day',
      frequency: 'daily',
      now: '2024-03-10T15:30:00.000Z',
      want: '2024-03-11T00:00:00.000Z',
    },
    {
      name: 'daily, exactly on the slot',
      frequency: 'daily',
      now: '2024-03-10T00:00:00.000Z',
      want: '2024-03-11T00:00:00.000Z',
    },
    {
      name: 'daily, last millisecond of the year',
      frequency: 'daily',
      now: '2023-12-31T23:59:59.999Z',
      want: '2024-01-01T00:00:00.000Z',
    },
    {
      name: 'daily, leap year',
      frequency: 'daily',
      now: '2024-02-28T12:00:00.000Z',
      want: '2024-02-29T00:00:00.000Z',
    },
    {
      name: 'daily, common year',
      frequency: 'daily',
      now: '2023-02-28T12:00:00.000Z',
      want: '2023-03-01T00:00:00.000Z',
    },
    {
      name: 'weekly, Wednesday',
      frequency: 'weekly',
      now: '2024-03-13T09:00:00.000Z',
      want: '2024-03-18T00:00:00.000Z',
    },
    {
      name: 'weekly, late Sunday',
      frequency: 'weekly',
      now: '2024-03-17T23:00:00.000Z',
      want: '2024-03-18T00:00:00.000Z',
    },
    {
      name: 'weekly, exactly on Monday 00:00',
      frequency: 'weekly',
      now: '2024-03-18T00:00:00.000Z',
      want: '2024-03-25T00:00:00.000Z',
    },
    {
      name: 'monthly, Jan 31 goes to Feb 1',
      frequency: 'monthly',
      now: '2024-01-31T10:00:00.000Z',
      want: '2024-02-01T00:00:00.000Z',
    },
    {
      name: 'monthly, across the year end',
      frequency: 'monthly',
      now: '2024-12-15T00:00:00.000Z',
      want: '2025-01-01T00:00:00.000Z',
    },
    {
      name: 'monthly, exactly on the 1st',
      frequency: 'monthly',
      now: '2024-02-01T00:00:00.000Z',
      want: '2024-03-01T00:00:00.000Z',
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(firstRunAt(c.frequency, d(c.now)).toISOString(), c.want));
  }
});

describe('nextRunAfter', () => {
  const cases: Array<{ name: string; frequency: Frequency; previous: string; now: string; want: string }> = [
    {
      name: 'daily, on time',
      frequency: 'daily',
      previous: '2024-03-10T00:00:00.000Z',
      now: '2024-03-10T00:00:05.000Z',
      want: '2024-03-11T00:00:00.000Z',
    },
    {
      name: 'daily, tick lands exactly on the next slot',
      frequency: 'daily',
      previous: '2024-03-10T00:00:00.000Z',
      now: '2024-03-11T00:00:00.000Z',
      want: '2024-03-12T00:00:00.000Z',
    },
    {
      name: 'daily, a week of downtime runs once',
      frequency: 'daily',
      previous: '2024-03-10T00:00:00.000Z',
      now: '2024-03-17T08:00:00.000Z',
      want: '2024-03-18T00:00:00.000Z',
    },
    {
      name: 'daily, keeps a time of day set by PATCH',
      frequency: 'daily',
      previous: '2024-03-10T09:30:00.000Z',
      now: '2024-03-10T09:30:02.000Z',
      want: '2024-03-11T09:30:00.000Z',
    },
    {
      name: 'daily, into a leap day',
      frequency: 'daily',
      previous: '2024-02-28T00:00:00.000Z',
      now: '2024-02-28T00:00:01.000Z',
      want: '2024-02-29T00:00:00.000Z',
    },
    {
      name: 'daily, clock behind the slot still advances one period',
      frequency: 'daily',
      previous: '2024-03-10T00:00:00.000Z',
      now: '2024-03-09T23:59:59.000Z',
      want: '2024-03-11T00:00:00.000Z',
    },
    {
      name: 'weekly, on time',
      frequency: 'weekly',
      previous: '2024-03-18T00:00:00.000Z',
      now: '2024-03-18T00:01:00.000Z',
      want: '2024-03-25T00:00:00.000Z',
    },
    {
      name: 'weekly, a week of downtime',
      frequency: 'weekly',
      previous: '2024-03-18T00:00:00.000Z',
      now: '2024-03-26T00:00:00.000Z',
      want: '2024-04-01T00:00:00.000Z',
    },
    {
      name: 'weekly, exactly on the next slot',
      frequency: 'weekly',
      previous: '2024-03-18T00:00:00.000Z',
      now: '2024-03-25T00:00:00.000Z',
      want: '2024-04-01T00:00:00.000Z',
    },
    {
      name: 'weekly, keeps a Wednesday noon phase after downtime',
      frequency: 'weekly',
      previous: '2024-03-13T12:00:00.000Z',
      now: '2024-03-21T00:00:00.000Z',
      want: '2024-03-27T12:00:00.000Z',
    },
    {
      name: 'weekly, across a leap day',
      frequency: 'weekly',
      previous: '2024-02-26T00:00:00.000Z',
      now: '2024-02-26T00:00:01.000Z',
      want: '2024-03-04T00:00:00.000Z',
    },
    {
      name: 'monthly, on time',
      frequency: 'monthly',
      previous: '2024-01-01T00:00:00.000Z',
      now: '2024-01-01T00:00:30.000Z',
      want: '2024-02-01T00:00:00.000Z',
    },
    {
      name: 'monthly, a week of downtime across the month end',
      frequency: 'monthly',
      previous: '2024-02-01T00:00:00.000Z',
      now: '2024-03-05T00:00:00.000Z',
      want: '2024-04-01T00:00:00.000Z',
    },
    {
      name: 'monthly, keeps the 15th at 09:30',
      frequency: 'monthly',
      previous: '2024-01-15T09:30:00.000Z',
      now: '2024-01-15T09:30:00.000Z',
      want: '2024-02-15T09:30:00.000Z',
    },
    {
      name: 'monthly, Jan 31 goes to Feb 29 in a leap year',
      frequency: 'monthly',
      previous: '2024-01-31T00:00:00.000Z',
      now: '2024-01-31T00:00:01.000Z',
      want: '2024-02-29T00:00:00.000Z',
    },
    {
      name: 'monthly, Jan 31 goes to Feb 28 in a common year',
      frequency: 'monthly',
      previous: '2023-01-31T00:00:00.000Z',
      now: '2023-01-31T00:00:01.000Z',
      want: '2023-02-28T00:00:00.000Z',
    },
    {
      name: 'monthly, the last day of February continues at the last day of March',
      frequency: 'monthly',
      previous: '2024-02-29T00:00:00.000Z',
      now: '2024-02-29T00:00:01.000Z',
      want: '2024-03-31T00:00:00.000Z',
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(nextRunAfter(c.frequency, d(c.previous), d(c.now)).toISOString(), c.want));
  }

  it('the next slot is never due at the tick that computed it', () => {
    for (const frequency of ['daily', 'weekly', 'monthly'] as const) {
      const now = d('2024-05-09T13:14:15.000Z');
      const next = nextRunAfter(frequency, d('2024-01-01T00:00:00.000Z'), now);
      assert.equal(isDue(next, now), false);
    }
  });
});

describe('isDue', () => {
  const now = d('2024-03-10T00:00:00.000Z');
  const cases: Array<{ name: string; nextRunAt: Date | null; want: boolean }> = [
    { name: 'no next run', nextRunAt: null, want: false },
    { name: 'before now', nextRunAt: d('2024-03-09T23:59:59.999Z'), want: true },
    { name: 'exactly now', nextRunAt: d('2024-03-10T00:00:00.000Z'), want: true },
    { name: 'after now', nextRunAt: d('2024-03-10T00:00:00.001Z'), want: false },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(isDue(c.nextRunAt, now), c.want));
  }
});
