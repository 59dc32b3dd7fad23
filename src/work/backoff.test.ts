import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelayMs, retryAfterMs } from './backoff.ts';

describe('backoffDelayMs', () => {
  const options = { baseMs: 1000, maxMs: 30_000 };
  const cases: Array<{ name: string; attempt: number; random: number; want: number }> = [
    { name: 'first retry, top of the range', attempt: 1, random: 0.999, want: 999 },
    { name: 'first retry, zero draw', attempt: 1, random: 0, want: 0 },
    { name: 'second retry doubles the ceiling', attempt: 2, random: 0.5, want: 1000 },
    { name: 'third retry', attempt: 3, random: 0.5, want: 2000 },
    { name: 'fifth retry', attempt: 5, random: 0.25, want: 4000 },
    { name: 'capped at maxMs', attempt: 6, random: 0.5, want: 15_000 },
    { name: 'far attempts stay capped', attempt: 2000, random: 0.5, want: 15_000 },
    { name: 'a draw of 1 stays within the ceiling', attempt: 1, random: 1, want: 1000 },
    { name: 'a negative draw is clamped', attempt: 1, random: -0.5, want: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(backoffDelayMs(c.attempt, { ...options, random: () => c.random }), c.want);
    });
  }

  it('stays within [0, ceiling) for many draws', () => {
    let seed = 1;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed - 1) / 2147483646;
    };
    for (let attempt = 1; attempt <= 10; attempt++) {
      const ceiling = Math.min(30_000, 1000 * 2 ** (attempt - 1));
      for (let i = 0; i < 200; i++) {
        const delay = backoffDelayMs(attempt, { ...options, random });
        assert.ok(delay >= 0 && delay <= ceiling, `attempt ${attempt}: ${delay}`);
      }
    }
  });

  it('rejects attempts below 1 or fractional', () => {
    assert.throws(() => backoffDelayMs(0, { ...options, random: () => 0.5 }), RangeError);
    assert.throws(() => backoffDelayMs(1.5, { ...options, random: () => 0.5 }), RangeError);
  });
});

describe('retryAfterMs', () => {
  const now = new Date('2024-03-10T12:00:00.000Z');
  const cases: Array<{ name: string; header: string | null | undefined; want: number | null }> = [
    { name: 'absent', header: undefined, want: null },
    { name: 'null', header: null, want: null },
    { name: 'empty', header: '  ', want: null },
    { name: 'seconds', header: '120', want: 120_000 },
    { name: 'zero seconds', header: '0', want: 0 },
    { name: 'seconds with spaces', header: ' 5 ', want: 5000 },
    { name: 'fractional seconds', header: '1.5', want: 1500 },
    { name: 'negative seconds', header: '-5', want: null },
    { name: 'garbage', header: 'soon', want: null },
    { name: 'a bare number-like date is not a date', header: '5 minutes', want: null },
    { name: 'IMF-fixdate in the future', header: 'Sun, 10 Mar 2024 12:00:30 GMT', want: 30_000 },
    { name: 'IMF-fixdate in the past', header: 'Sun, 10 Mar 2024 11:59:00 GMT', want: 0 },
    { name: 'RFC 850 date', header: 'Sunday, 10-Mar-24 12:01:00 GMT', want: 60_000 },
    { name: 'asctime date is UTC', header: 'Sun Mar 10 12:00:10 2024', want: 10_000 },
    { name: 'impossible date', header: 'Sun, 99 Mar 2024 12:00:30 GMT', want: null },
    { name: 'ISO date is not an HTTP-date', header: '2024-03-10T12:00:30Z', want: null },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(retryAfterMs(c.header, now), c.want));
  }
});
