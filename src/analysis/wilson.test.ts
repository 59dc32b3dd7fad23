import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { percentage, wilsonInterval } from './wilson.ts';

describe('wilsonInterval (95%, percentages)', () => {
  const cases: Array<[string, number, number, { low: number; high: number }]> = [
    ['n = 0: no observations, the whole range', 0, 0, { low: 0, high: 100 }],
    ['n = 1, one success', 1, 1, { low: 20.7, high: 100 }],
    ['n = 1, no success', 0, 1, { low: 0, high: 79.3 }],
    ['none of 10', 0, 10, { low: 0, high: 27.8 }],
    ['all of 10', 10, 10, { low: 72.2, high: 100 }],
    ['half of 100', 50, 100, { low: 40.4, high: 59.6 }],
    ['3 of 7', 3, 7, { low: 15.8, high: 75 }],
    ['successes above n are clamped', 12, 10, { low: 72.2, high: 100 }],
  ];
  for (const [rule, successes, n, expected] of cases) {
    it(rule, () => assert.deepEqual(wilsonInterval(successes, n), expected));
  }

  it('narrows with a larger z-free sample and widens with z', () => {
    const narrow = wilsonInterval(500, 1000);
    const wide = wilsonInterval(500, 1000, 2.576);
    assert.ok(wide.low < narrow.low && wide.high > narrow.high);
  });
});

describe('percentage', () => {
  it('rounds to one decimal and is null for n = 0', () => {
    assert.equal(percentage(1, 3), 33.3);
    assert.equal(percentage(2, 3), 66.7);
    assert.equal(percentage(0, 0), null);
  });
});
