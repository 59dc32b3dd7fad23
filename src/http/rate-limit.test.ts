import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { REDIS_TEST_URL, redisTestsRun } from '../../test/redis.ts';
import { createRateLimiter, type RateLimitScope, type ScopeState } from './rate-limit.ts';
import { MemorySlidingLog } from './rate-limit-store.ts';

/** `count` requests of one key at `at` seconds: how many got in, and the state the last one saw. */
interface Step {
  at: number;
  count: number;
  accepted: number;
  last: Pick<ScopeState, 'remaining' | 'resetSeconds' | 'refused'>;
}

async function runSteps(quota: number, steps: readonly Step[]): Promise<void> {
  let clock = 0;
  const limiter = await createRateLimiter(
    { burstPerMinute: quota, llmPerMinute: 1, redisUrl: null },
    { now: () => clock },
  );
  for (const step of steps) {
    clock = step.at * 1000;
    let accepted = 0;
    let last: ScopeState | undefined;
    for (let index = 0; index < step.count; index += 1) {
      [last] = await limiter.consume('key', ['burst']);
      if (last && !last.refused) accepted += 1;
    }
    assert.ok(last);
    const { remaining, resetSeconds, refused } = last;
    assert.deepEqual(
      { accepted, last: { remaining, resetSeconds, refused } },
      { accepted: step.accepted, last: step.last },
      `at ${step.at} s`,
    );
  }
}

describe('sliding-log rate limits in memory', () => {
  it('reports 60 s, not 61, for a request made just now at a fractional clock', async () => {
    const log = new MemorySlidingLog(60_000, () => 246_705.2581983964);
    assert.deepEqual(await log.hit('key', 2), { allowed: true, count: 1, msUntilFree: 60_000 });
  });

  it('lets in only what leaves the rolling minute, never twice the quota across an edge', () =>
    runSteps(120, [
      { at: 0, count: 60, accepted: 60, last: { remaining: 60, resetSeconds: 60, refused: false } },
      { at: 30, count: 60, accepted: 60, last: { remaining: 0, resetSeconds: 30, refused: false } },
      { at: 30, count: 1, accepted: 0, last: { remaining: 0, resetSeconds: 30, refused: true } },
      { at: 59.999, count: 1, accepted: 0, last: { remaining: 0, resetSeconds: 1, refused: true } },
      // The 60 of t=0 have left (a request counts for exactly 60 s); the 60 of t=30 s have not.
      { at: 61, count: 120, accepted: 60, last: { remaining: 0, resetSeconds: 29, refused: true } },
      { at: 90, count: 120, accepted: 60, last: { remaining: 0, resetSeconds: 31, refused: true } },
      { at: 200, count: 1, accepted: 1, last: { remaining: 119, resetSeconds: 60, refused: false } },
    ]));

  it('does not count refused requests, so retrying does not push the wait back', () =>
    runSteps(2, [
      { at: 0, count: 1, accepted: 1, last: { remaining: 1, resetSeconds: 60, refused: false } },
      { at: 10, count: 1, accepted: 1, last: { remaining: 0, resetSeconds: 50, refused: false } },
      { at: 20, count: 5, accepted: 0, last: { remaining: 0, resetSeconds: 40, refused: true } },
      { at: 50, count: 1, accepted: 0, last: { remaining: 0, resetSeconds: 10, refused: true } },
      { at: 59.5, count: 1, accepted: 0, last: { remaining: 0, resetSeconds: 1, refused: true } },
      // Now the next to leave is the request of t=10 s.
      { at: 60, count: 1, accepted: 1, last: { remaining: 0, resetSeconds: 10, refused: false } },
      { at: 70, count: 3, accepted: 1, last: { remaining: 0, resetSeconds: 50, refused: true } },
    ]));

  it('counts a request refused by llm in burst, and one refused by burst nowhere', async () => {
    let clock = 0;
    const limiter = await createRateLimiter(
      { burstPerMinute: 3, llmPerMinute: 2, redisUrl: null },
      { now: () => clock },
    );
    const scopes: RateLimitScope[] = ['burst', 'llm'];
    const summary = (states: ScopeState[]) =>
      states.map(
        (state) =>
          `${state.scope} r=${state.remaining} t=${state.resetSeconds}${state.refused ? ' refused' : ''}`,
      );
    const seen: string[][] = [];
    for (const at of [0, 1, 2, 3, 60, 61]) {
      clock = at * 1000;
      seen.push(summary(await limiter.consume('key', scopes)));
    }
    assert.deepEqual(seen, [
      ['burst r=2 t=60', 'llm r=1 t=60'],
      ['burst r=1 t=59', 'llm r=0 t=59'],
      ['burst r=0 t=58', 'llm r=0 t=58 refused'],
      ['burst r=0 t=57 refused'],
      // t=0 left both logs; burst still holds t=1 and t=2, llm only t=1.
      ['burst r=0 t=1', 'llm r=0 t=1'],
      ['burst r=0 t=1', 'llm r=0 t=59'],
    ]);
    await limiter.close();
  });

  it('forgets keys that have gone quiet', async () => {
    let clock = 0;
    const log = new MemorySlidingLog(60_000, () => clock);
    for (let index = 0; index < 1000; index += 1) await log.hit(`key-${index}`, 10);
    assert.equal(log.size, 1000);
    clock = 59_999;
    await log.hit('key-0', 10);
    assert.equal(log.size, 1000, 'nothing has left the window yet');
    clock = 60_000;
    assert.deepEqual(await log.hit('new', 10), { allowed: true, count: 1, msUntilFree: 60_000 });
    assert.equal(log.size, 2, 'key-0 (used at 59.999 s) and new');
  });
});

describe('sliding-log rate limits in Redis', () => {
  let redis: Redis | null = null;
  before(async () => {
    const wanted = await redisTestsRun();
    if (wanted) redis = new Redis(REDIS_TEST_URL);
  });
  after(() => redis?.quit());

  it('shares one rolling log between processes and records only accepted requests', async (t) => {
    if (!redis) return t.skip(`Redis not reachable at ${REDIS_TEST_URL}`);
    const keyId = randomUUID();
    const key = `sightline:rl:burst:${keyId}`;
    // Planted in Redis's own time: 60 requests 61 s ago (out of the window) and 60 made 31 s ago.
    const [seconds, micros] = (await redis.time()).map(Number);
    const now = seconds * 1000 + Math.floor(micros / 1000);
    const planted = [...Array(120).keys()].flatMap((index) => [
      now - (index < 60 ? 61_000 : 31_000),
      randomUUID(),
    ]);
    await redis.zadd(key, ...planted);
    after(() => redis?.del(key));

    const settings = { burstPerMinute: 120, llmPerMinute: 10, redisUrl: REDIS_TEST_URL };
    const limiters = [await createRateLimiter(settings), await createRateLimiter(settings)];
    after(() => Promise.all(limiters.map((limiter) => limiter.close())));
    const states: ScopeState[] = [];
    for (let index = 0; index < 120; index += 1) {
      states.push(...(await limiters[index % 2].consume(keyId, ['burst'])));
    }
    assert.equal(states.filter((state) => !state.refused).length, 60);
    assert.deepEqual(
      [states[0], states[59], states[60], states[119]].map((state) => [state.remaining, state.refused]),
      [
        [59, false],
        [0, false],
        [0, true],
        [0, true],
      ],
    );
    // The oldest counted request is the one planted 31 s ago: a request fits again 29 s after the
    // planting, less the time the 120 requests took (under a second, or a little more on a busy machine).
    assert.ok([28, 29].includes(states[119].resetSeconds), `reset ${states[119].resetSeconds}`);
    assert.equal(
      await redis.zcard(key),
      120,
      '60 planted and 60 accepted; the expired and refused are not there',
    );
    const ttl = await redis.pttl(key);
    assert.ok(ttl > 50_000 && ttl <= 60_000, `PTTL ${ttl}`);
  });
});
