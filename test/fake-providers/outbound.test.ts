import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { virtualClock } from '../../src/engines/outbound.fixtures.ts';
import {
  createOutboundFromSettings,
  type OutboundOptions,
  ProviderCallError,
} from '../../src/engines/outbound.ts';
import { createEngineRegistry } from '../../src/engines/registry.ts';
import { type ProviderSettings, providerEnvSchema, toProviderSettings } from '../../src/engines/settings.ts';
import type { AnswerRequest, Platform } from '../../src/engines/types.ts';
import { type FakeProviders, fakeProviderEnv, startFakeProviders } from './server.ts';

const request = (platform: Platform): AnswerRequest => ({
  platform,
  prompt: 'Best CRM for startups?',
  market: { country: 'US', language: 'English', location: null },
  sample: 1,
  brand: { name: 'Acme', website: 'https://acme.example', aliases: [] },
  competitors: [],
});

describe('outbound rules through the real SDKs and the fake', () => {
  let fake: FakeProviders;
  let settings: ProviderSettings;

  before(async () => {
    fake = await startFakeProviders();
    settings = toProviderSettings(
      providerEnvSchema.parse({
        ...fakeProviderEnv(fake.urls),
        PROVIDER_RPM: '10000',
        PROVIDER_MAX_RETRIES: '2',
      }),
    );
  });
  beforeEach(() => fake.reset());
  after(() => fake.close());

  /** An engine whose outbound uses the virtual clock; `attempts` holds the virtual time of each HTTP request. */
  function engineWith(platform: Platform, overrides: Partial<OutboundOptions> = {}) {
    const { clock, sleeps } = virtualClock();
    const attempts: number[] = [];
    const countingFetch: typeof fetch = (input, init) => {
      attempts.push(clock.now());
      return fetch(input, init);
    };
    const outbound = createOutboundFromSettings(settings, { clock, random: () => 0, ...overrides });
    const registry = createEngineRegistry({ settings, sandbox: {}, outbound, fetch: countingFetch });
    return { engine: registry.forMode('live', platform), attempts, sleeps, clock };
  }

  it('a 429 with retry-after: 2 is not retried before 2 s', async () => {
    fake.script('openai', { status: 429, retryAfter: '2', failTimes: 1 });
    const { engine, attempts, sleeps } = engineWith('chatgpt');
    const answer = await engine.collect(request('chatgpt'));
    assert.match(answer.text, /Globex/);
    assert.equal(attempts.length, 2);
    const [first = 0, second = 0] = attempts;
    assert.ok(second - first >= 2000, `retried after ${second - first} ms`);
    assert.ok(sleeps.every((ms) => ms >= 2000));
  });

  it('a retry-after given as an HTTP date is honoured too', async () => {
    const { engine, attempts } = engineWith('claude');
    fake.script('anthropic', {
      status: 429,
      retryAfter: new Date(Date.now() + 30_000).toUTCString(),
      failTimes: 1,
    });
    await engine.collect(request('claude'));
    const [first = 0, second = 0] = attempts;
    assert.ok(second - first >= 25_000, `retried after ${second - first} ms`);
  });

  it('a retry-after beyond the limit ends the call as rate_limited and retryable', async () => {
    fake.script('perplexity', { status: 429, retryAfter: '3600' });
    const { engine, attempts } = engineWith('perplexity');
    const error = await engine.collect(request('perplexity')).catch((e: unknown) => e);
    assert.ok(error instanceof ProviderCallError);
    assert.equal(error.code, 'rate_limited');
    assert.equal(error.retryable, true);
    assert.equal(error.retryAfterMs, 3_600_000);
    assert.equal(attempts.length, 1);
  });

  it('5xx is retried with growing backoff, then fails as provider_error', async () => {
    fake.script('google', { status: 503 });
    const { engine, sleeps } = engineWith('gemini');
    const error = await engine.collect(request('gemini')).catch((e: unknown) => e);
    assert.ok(error instanceof ProviderCallError, String(error));
    assert.equal(error.code, 'provider_error');
    assert.equal(error.retryable, true);
    assert.equal(error.status, 503);
    assert.equal(error.provider, 'google');
    assert.equal(error.attempts, 3);
    assert.equal(fake.callsTo('google').length, 3);
    assert.deepEqual(sleeps, [500, 1000]);
  });

  it('N failures then success', async () => {
    fake.script('xai', { status: 500, failTimes: 2 });
    const { engine } = engineWith('grok');
    const answer = await engine.collect(request('grok'));
    assert.equal(answer.collectedVia, 'api_search');
    assert.equal(fake.callsTo('xai').length, 3);
  });

  it('a hanging provider times out per attempt, is retried, then fails as timeout', async () => {
    fake.script('anthropic', { hang: true });
    const { engine } = engineWith('claude_search', { timeoutMs: 150, maxRetries: 1 });
    const error = await engine.collect(request('claude_search')).catch((e: unknown) => e);
    assert.ok(error instanceof ProviderCallError, String(error));
    assert.equal(error.code, 'timeout');
    assert.equal(error.retryable, true);
    assert.equal(fake.callsTo('anthropic').length, 2);
  });

  it('a malformed body is a bad_response and is not retried', async () => {
    fake.script('openai', { malformed: true });
    const { engine } = engineWith('chatgpt_search');
    const error = await engine.collect(request('chatgpt_search')).catch((e: unknown) => e);
    assert.ok(error instanceof ProviderCallError, String(error));
    assert.equal(error.code, 'bad_response');
    assert.equal(error.retryable, false);
    assert.equal(fake.callsTo('openai').length, 1);
  });

  it('a 4xx other than 429 is not retried', async () => {
    fake.script('serpapi', { status: 401 });
    const { engine } = engineWith('ai_overviews');
    const error = await engine.collect(request('ai_overviews')).catch((e: unknown) => e);
    assert.ok(error instanceof ProviderCallError, String(error));
    assert.equal(error.code, 'provider_error');
    assert.equal(error.retryable, false);
    assert.equal(error.status, 401);
    assert.doesNotMatch(error.message, /fake-serpapi/, 'the API key must not leak into errors');
    assert.equal(fake.callsTo('serpapi').length, 1);
  });

  it('SerpApi 5xx is retried like the SDK providers', async () => {
    fake.script('serpapi', { status: 502, failTimes: 1 });
    const { engine } = engineWith('ai_overviews');
    const answer = await engine.collect(request('ai_overviews'));
    assert.equal(answer.collectedVia, 'serp');
    assert.equal(fake.callsTo('serpapi').length, 2);
  });

  it('the concurrency cap holds under load', async () => {
    const capped = toProviderSettings(
      providerEnvSchema.parse({
        ...fakeProviderEnv(fake.urls),
        PROVIDER_RPM: '10000',
        PERPLEXITY_CONCURRENCY: '2',
      }),
    );
    fake.script('perplexity', { latencyMs: 60 });
    let inFlight = 0;
    let peak = 0;
    const tracking: typeof fetch = async (input, init) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight--;
      }
    };
    const engine = createEngineRegistry({ settings: capped, sandbox: {}, fetch: tracking }).forMode(
      'live',
      'perplexity',
    );
    await Promise.all(Array.from({ length: 6 }, () => engine.collect(request('perplexity'))));
    assert.equal(fake.callsTo('perplexity').length, 6);
    assert.equal(peak, 2);
  });

  it("one provider's hang does not block another provider", async () => {
    const single = toProviderSettings(
      providerEnvSchema.parse({
        ...fakeProviderEnv(fake.urls),
        PROVIDER_CONCURRENCY: '1',
        PROVIDER_TIMEOUT_MS: '30000',
      }),
    );
    fake.script('google', { hang: true });
    const registry = createEngineRegistry({ settings: single, sandbox: {} });
    const stop = new AbortController();
    let geminiSettled = false;
    const gemini = registry
      .forMode('live', 'gemini')
      .collect({ ...request('gemini'), signal: stop.signal })
      .finally(() => {
        geminiSettled = true;
      });
    const answer = await registry.forMode('live', 'perplexity').collect(request('perplexity'));
    assert.equal(answer.model, 'sonar');
    assert.equal(geminiSettled, false);
    stop.abort(new Error('test over'));
    await assert.rejects(gemini, /test over/);
  });
});
