import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APICallError } from 'ai';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { virtualClock } from './outbound.fixtures.ts';
import { createOutbound, type OutboundOptions, ProviderCallError, type RequestBudget } from './outbound.ts';
import { classifyError, parseRetryAfter } from './provider-error.ts';
import { PROVIDERS } from './settings.ts';

const limits = (concurrency: number, rpm = 10_000) =>
  Object.fromEntries(PROVIDERS.map((p) => [p, { concurrency, rpm }])) as OutboundOptions['limits'];

const apiError = (statusCode: number, headers: Record<string, string> = {}) =>
  new APICallError({
    message: `status ${statusCode}`,
    url: 'https://provider.example/v1',
    requestBodyValues: {},
    statusCode,
    responseHeaders: headers,
  });

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  const cases: Array<[string, Record<string, string>, number | undefined]> = [
    ['seconds', { 'retry-after': '2' }, 2000],
    ['fractional seconds', { 'Retry-After': '1.5' }, 1500],
    ['HTTP date', { 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }, 30_000],
    ['a date in the past', { 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }, 0],
    ['retry-after-ms wins', { 'retry-after-ms': '250', 'retry-after': '9' }, 250],
    ['garbage', { 'retry-after': 'soon' }, undefined],
    ['absent', {}, undefined],
  ];
  for (const [name, headers, expected] of cases) {
    it(name, () => assert.equal(parseRetryAfter(headers, now), expected));
  }
});

describe('classifyError', () => {
  const cases: Array<[string, unknown, string, boolean]> = [
    ['429', apiError(429), 'rate_limited', true],
    ['500', apiError(500), 'provider_error', true],
    ['529 overloaded', apiError(529), 'provider_error', true],
    ['408', apiError(408), 'provider_error', true],
    ['400', apiError(400), 'provider_error', false],
    ['401', apiError(401), 'provider_error', false],
    ['200 with a body that is not JSON', apiError(200), 'bad_response', false],
    [
      'network failure',
      new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }),
      'provider_error',
      true,
    ],
    ['a bug', new RangeError('oops'), 'provider_error', false],
  ];
  for (const [name, error, code, retryable] of cases) {
    it(name, () => {
      const classified = classifyError(error, Date.now());
      assert.equal(classified.code, code);
      assert.equal(classified.retryable, retryable);
    });
  }
});

describe('createOutbound', () => {
  it('never runs more than `concurrency` calls of one provider at once', async () => {
    const outbound = createOutbound({ limits: limits(2), timeoutMs: 10_000 });
    const gates = Array.from({ length: 5 }, () => deferred<string>());
    let active = 0;
    let peak = 0;
    const calls = gates.map((gate, index) =>
      outbound.call('openai', async () => {
        active++;
        peak = Math.max(peak, active);
        const value = await gate.promise;
        active--;
        return `${value}${index}`;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(active, 2);
    for (const gate of gates) gate.resolve('done');
    assert.deepEqual(await Promise.all(calls), ['done0', 'done1', 'done2', 'done3', 'done4']);
    assert.equal(peak, 2);
  });

  it('a full provider does not delay another provider', async () => {
    const outbound = createOutbound({ limits: limits(1), timeoutMs: 10_000 });
    const blocked = deferred<void>();
    const slow = outbound.call('google', () => blocked.promise);
    assert.equal(await outbound.call('anthropic', async () => 'fast'), 'fast');
    blocked.resolve();
    await slow;
  });

  it('waits for the RPM budget before calling', async () => {
    const { clock, sleeps } = virtualClock();
    let consumed = 0;
    const budget: RequestBudget = {
      consume: async () => {
        consumed++;
        if (consumed === 1) throw new RateLimiterRes(0, 1500);
        return new RateLimiterRes(10, 0);
      },
    };
    const outbound = createOutbound({
      limits: limits(1),
      timeoutMs: 1000,
      clock,
      budgets: { perplexity: budget },
    });
    assert.equal(await outbound.call('perplexity', async () => 'ok'), 'ok');
    assert.deepEqual(sleeps, [1500]);
  });

  it('a limiter store outage does not stop calls', async () => {
    const budget: RequestBudget = {
      consume: async () => {
        throw new Error('redis down');
      },
    };
    const outbound = createOutbound({ limits: limits(1), timeoutMs: 1000, budgets: { xai: budget } });
    assert.equal(await outbound.call('xai', async () => 'ok'), 'ok');
  });

  it('every attempt spends budget', async () => {
    const { clock } = virtualClock();
    let consumed = 0;
    const budget: RequestBudget = {
      consume: async () => {
        consumed++;
        return new RateLimiterRes(10, 0);
      },
    };
    const outbound = createOutbound({
      limits: limits(1),
      timeoutMs: 1000,
      clock,
      budgets: { openai: budget },
    });
    let attempts = 0;
    const result = await outbound.call('openai', async () => {
      attempts++;
      if (attempts < 3) throw apiError(503);
      return 'ok';
    });
    assert.equal(result, 'ok');
    assert.equal(consumed, 3);
  });

  it('a 429 pauses the whole provider until Retry-After has passed', async () => {
    const { clock, sleeps } = virtualClock();
    const outbound = createOutbound({ limits: limits(4), timeoutMs: 1000, clock, maxRetries: 0 });
    const throttled = outbound.call('openai', async () => {
      throw apiError(429, { 'retry-after': '5' });
    });
    await assert.rejects(throttled, ProviderCallError);
    const startedAt = clock.now();
    let ranAt = 0;
    await outbound.call('openai', async () => {
      ranAt = clock.now();
    });
    assert.deepEqual(sleeps, [5000]);
    assert.equal(ranAt - startedAt, 5000);
    await outbound.call('anthropic', async () => {});
    assert.deepEqual(sleeps, [5000], 'other providers are not paused');
  });

  it('a pause longer than the limit fails later calls at once, for the worker to reschedule', async () => {
    const { clock, sleeps } = virtualClock();
    const outbound = createOutbound({ limits: limits(4), timeoutMs: 1000, clock });
    await assert.rejects(
      outbound.call('openai', async () => {
        throw apiError(429, { 'retry-after': '3600' });
      }),
    );
    let ran = false;
    const error = await outbound
      .call('openai', async () => {
        ran = true;
      })
      .catch((e: unknown) => e);
    assert.ok(error instanceof ProviderCallError);
    assert.equal(error.code, 'rate_limited');
    assert.equal(error.retryable, true);
    assert.equal(error.retryAfterMs, 3_600_000);
    assert.equal(ran, false);
    assert.deepEqual(sleeps, []);
  });

  it('a caller abort stops at once and is not retried or wrapped', async () => {
    const { clock, sleeps } = virtualClock();
    const outbound = createOutbound({ limits: limits(1), timeoutMs: 10_000, clock });
    const controller = new AbortController();
    const started = deferred<void>();
    let attempts = 0;
    const pending = outbound.call(
      'openai',
      (signal) =>
        new Promise((_, reject) => {
          attempts++;
          started.resolve();
          signal.addEventListener('abort', () => reject(new Error('aborted by SDK')));
        }),
      { signal: controller.signal },
    );
    await started.promise;
    controller.abort(new Error('job cancelled'));
    await assert.rejects(pending, /job cancelled/);
    assert.equal(attempts, 1);
    assert.deepEqual(sleeps, []);
  });

  it('an already aborted call never reaches the provider', async () => {
    const outbound = createOutbound({ limits: limits(1), timeoutMs: 10_000 });
    let attempts = 0;
    const pending = outbound.call('openai', async () => attempts++, {
      signal: AbortSignal.abort(new Error('gone')),
    });
    await assert.rejects(pending, /gone/);
    assert.equal(attempts, 0);
  });

  it('a call that ignores its abort signal still times out', async () => {
    const outbound = createOutbound({ limits: limits(1), timeoutMs: 20, maxRetries: 0 });
    const error = await outbound.call('google', () => new Promise(() => {})).catch((e: unknown) => e);
    assert.ok(error instanceof ProviderCallError);
    assert.equal(error.code, 'timeout');
    assert.equal(error.attempts, 1);
  });
});
