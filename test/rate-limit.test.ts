import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { newId } from '../src/clock.ts';
import { createRateLimiter, type RateLimiter } from '../src/http/rate-limit.ts';
import { type ApiResponse, call, createTenant, testDeps } from './harness.ts';
import { REDIS_TEST_URL, redisTestsRun } from './redis.ts';

const STATE = (scope: string, remaining: number) => new RegExp(`^"${scope}";r=${remaining};t=(\\d+)$`);

async function createBrand(key: string): Promise<string> {
  const brand = await call(key, 'POST', '/v1/brands', { name: 'Acme', website: 'https://acme.com' });
  assert.equal(brand.status, 201);
  return String(brand.body.id);
}

/** Seconds until the window resets, from a `RateLimit` item; within the 60 s window. */
function resetSeconds(field: unknown, pattern: RegExp): number {
  const match = pattern.exec(String(field));
  assert.ok(match?.[1], `RateLimit ${String(field)} does not match ${pattern}`);
  const seconds = Number(match[1]);
  assert.ok(seconds >= 0 && seconds <= 60, `t=${seconds}`);
  return seconds;
}

function assertRefused(response: ApiResponse, scope: 'burst' | 'llm', quota: number): void {
  assert.equal(response.status, 429);
  const retryAfter = Number(response.headers['retry-after']);
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  assert.deepEqual(response.body, {
    error: {
      code: 'rate_limit_exceeded',
      message: `This key has used its ${quota} ${scope} requests for this minute; retry in ${retryAfter} s.`,
      details: { scope, retry_after: retryAfter },
    },
    request_id: response.headers['x-correlation-id'],
  });
}

async function inject(app: FastifyInstance, key: string, url: string): Promise<ApiResponse> {
  const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
  return { status: response.statusCode, body: JSON.parse(response.body), headers: response.headers };
}

describe('rate limits (spec §4)', () => {
  it('accepts 120 requests of a key in a minute and refuses the 121st with 429 burst', async () => {
    const tenant = await createTenant();
    for (let index = 0; index < 120; index += 1) {
      const response = await call(tenant.key, 'GET', '/v1/me');
      assert.equal(response.status, 200, `request ${index + 1}`);
      assert.equal(response.headers['ratelimit-policy'], '"burst";q=120;w=60');
      resetSeconds(response.headers.ratelimit, STATE('burst', 119 - index));
    }
    const refused = await call(tenant.key, 'GET', '/v1/me');
    assertRefused(refused, 'burst', 120);
    assert.equal(refused.headers['ratelimit-policy'], '"burst";q=120;w=60');
    const reset = resetSeconds(refused.headers.ratelimit, STATE('burst', 0));
    assert.equal(Number(refused.headers['retry-after']), Math.max(1, reset));
    // Another request while refused is refused too, and another key of the account is not affected.
    assertRefused(await call(tenant.key, 'GET', '/v1/credits'), 'burst', 120);
    const other = await call(await tenant.keyWith({}), 'GET', '/v1/me');
    assert.equal(other.status, 200);
    resetSeconds(other.headers.ratelimit, STATE('burst', 119));
  });

  it('limits LLM dispatch to 10 a minute on top of the burst limit', async () => {
    const tenant = await createTenant();
    const brandId = await createBrand(tenant.key);
    const policy = '"burst";q=120;w=60, "llm";q=10;w=60';
    for (let index = 0; index < 10; index += 1) {
      const response = await call(tenant.key, 'POST', `/v1/brands/${brandId}/facts`, {});
      assert.equal(response.status, 202, JSON.stringify(response.body));
      assert.equal(response.headers['ratelimit-policy'], policy);
      assert.match(String(response.headers.ratelimit), /^"burst";r=\d+;t=\d+, "llm";r=\d+;t=\d+$/);
      assert.match(String(response.headers.ratelimit), new RegExp(`"llm";r=${9 - index};`));
    }
    const refused = await call(tenant.key, 'POST', `/v1/brands/${brandId}/facts`, {});
    assertRefused(refused, 'llm', 10);
    assert.equal(refused.headers['ratelimit-policy'], policy);
    // The brand creation and 11 dispatches counted against burst; the refused one too.
    assert.match(String(refused.headers.ratelimit), /^"burst";r=108;t=\d+, "llm";r=0;t=\d+$/);
    // Other endpoints are only in the burst tier and still answer.
    const read = await call(tenant.key, 'GET', `/v1/brands/${brandId}`);
    assert.equal(read.status, 200);
    assert.equal(read.headers['ratelimit-policy'], '"burst";q=120;w=60');
    resetSeconds(read.headers.ratelimit, STATE('burst', 107));
  });

  it('counts prompt additions in the LLM tier only when they auto-generate', async () => {
    const tenant = await createTenant();
    const brandId = await createBrand(tenant.key);
    await call(tenant.key, 'PATCH', `/v1/brands/${brandId}/facts`, { description: 'Makes CRM software.' });
    const { body: report } = await call(tenant.key, 'POST', '/v1/reports', { brand_id: brandId });
    const url = `/v1/reports/${report.id}/prompts`;
    const manual = await call(tenant.key, 'POST', url, { prompts: [{ prompt_text: 'Best CRM?' }] });
    assert.equal(manual.status, 201);
    assert.equal(manual.headers['ratelimit-policy'], '"burst";q=120;w=60');
    for (let index = 0; index < 10; index += 1) {
      const generated = await call(tenant.key, 'POST', url, { auto_generate: { count: 1 } });
      assert.equal(generated.status, 201, JSON.stringify(generated.body));
      assert.equal(generated.headers['ratelimit-policy'], '"burst";q=120;w=60, "llm";q=10;w=60');
      assert.match(
        String(generated.headers.ratelimit),
        new RegExp(`^"burst";r=\\d+;t=\\d+, "llm";r=${9 - index};t=\\d+$`),
      );
    }
    assertRefused(await call(tenant.key, 'POST', url, { auto_generate: { count: 1 } }), 'llm', 10);
    assert.equal(
      (await call(tenant.key, 'POST', url, { prompts: [{ prompt_text: 'Cheap CRM?' }] })).status,
      201,
    );
  });

  it('sends the header fields on errors and replays, and not on public routes', async () => {
    const tenant = await createTenant();
    const missing = await call(tenant.key, 'GET', `/v1/brands/${newId()}`);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['ratelimit-policy'], '"burst";q=120;w=60');
    resetSeconds(missing.headers.ratelimit, STATE('burst', 119));

    const scoped = await call(await tenant.keyWith({ scopes: ['read:brands'] }), 'GET', '/v1/credits');
    assert.equal(scoped.status, 403);
    resetSeconds(scoped.headers.ratelimit, STATE('burst', 119));

    // No key, no partition: the policy is announced, the remaining quota cannot be.
    const anonymous = await call(null, 'GET', '/v1/me');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers['ratelimit-policy'], '"burst";q=120;w=60');
    assert.equal(anonymous.headers.ratelimit, undefined);

    const body = { name: 'Acme', website: 'https://acme.com' };
    const headers = { 'idempotency-key': newId() };
    const first = await call(tenant.key, 'POST', '/v1/brands', body, headers);
    const replay = await call(tenant.key, 'POST', '/v1/brands', body, headers);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    resetSeconds(first.headers.ratelimit, STATE('burst', 118));
    resetSeconds(replay.headers.ratelimit, STATE('burst', 117));

    const health = await call(null, 'GET', '/healthz');
    assert.equal(health.status, 200);
    assert.equal(health.headers['ratelimit-policy'], undefined);
    assert.equal(health.headers.ratelimit, undefined);
  });

  it('takes both quotas from the configuration', async () => {
    const deps = await testDeps({
      env: { RATE_LIMIT_BURST_PER_MINUTE: '3', RATE_LIMIT_LLM_PER_MINUTE: '1' },
    });
    const app = await buildApp(deps);
    after(() => app.close());
    const tenant = await createTenant();
    for (let index = 0; index < 3; index += 1) {
      const response = await inject(app, tenant.key, '/v1/me');
      assert.equal(response.status, 200);
      assert.equal(response.headers['ratelimit-policy'], '"burst";q=3;w=60');
      resetSeconds(response.headers.ratelimit, STATE('burst', 2 - index));
    }
    assertRefused(await inject(app, tenant.key, '/v1/me'), 'burst', 3);
  });

  it('holds one limit across two app instances sharing Redis', async (t) => {
    if (!(await redisTestsRun())) {
      t.skip(`Redis not reachable at ${REDIS_TEST_URL}`);
      return;
    }
    const deps = await testDeps();
    const limiters: RateLimiter[] = [];
    const apps: FastifyInstance[] = [];
    for (let index = 0; index < 2; index += 1) {
      const rateLimiter = await createRateLimiter({
        burstPerMinute: 120,
        llmPerMinute: 10,
        redisUrl: REDIS_TEST_URL,
      });
      assert.equal(rateLimiter.store, 'redis');
      limiters.push(rateLimiter);
      apps.push(await buildApp(deps, null, { rateLimiter }));
    }
    after(async () => {
      for (const app of apps) await app.close();
      for (const limiter of limiters) await limiter.close();
    });
    const tenant = await createTenant();
    const [one, two] = apps;
    assert.ok(one && two);
    for (let index = 0; index < 120; index += 1) {
      const response = await inject(index % 2 === 0 ? one : two, tenant.key, '/v1/me');
      assert.equal(response.status, 200, `request ${index + 1}`);
      resetSeconds(response.headers.ratelimit, STATE('burst', 119 - index));
    }
    assertRefused(await inject(one, tenant.key, '/v1/me'), 'burst', 120);
    assertRefused(await inject(two, tenant.key, '/v1/me'), 'burst', 120);
  });

  it('keeps limiting in the process when Redis is unreachable', async () => {
    const errors: string[] = [];
    const limiter = await createRateLimiter(
      { burstPerMinute: 2, llmPerMinute: 1, redisUrl: 'redis://127.0.0.1:1' },
      { onStoreError: (error) => errors.push(error.message) },
    );
    after(() => limiter.close());
    const refusedScopes: string[][] = [];
    for (let index = 0; index < 3; index += 1) {
      const states = await limiter.consume('key', ['burst', 'llm']);
      refusedScopes.push(states.filter((state) => state.refused).map((state) => state.scope));
    }
    assert.deepEqual(refusedScopes, [[], ['llm'], ['burst']]);
    assert.equal(errors.length, 1, 'one report per outage');
  });
});
