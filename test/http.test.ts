import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { createKey, revokeAccountKey } from '../src/accounts/accounts.service.ts';
import { BODY_LIMIT_BYTES } from '../src/app.ts';
import { newId } from '../src/clock.ts';
import { openDatabase } from '../src/db/client.ts';
import { apiKeys, idempotencyKeys } from '../src/db/schema/index.ts';
import { parseApiKey } from '../src/http/api-keys.ts';
import { toApiError } from '../src/http/error-handler.ts';
import { type ApiResponse, call, createTenant, expectError, testApp, testDeps } from './harness.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const acme = { name: 'Acme', website: 'https://acme.com' };

/** A raw request (any payload, any headers) read back as the harness reads responses. */
async function send(options: InjectOptions): Promise<ApiResponse & { text: string }> {
  const app = await testApp();
  const response = await app.inject(options);
  const json = /^application\/json/.test(String(response.headers['content-type']));
  return {
    status: response.statusCode,
    body: json ? (JSON.parse(response.body) as Record<string, unknown>) : {},
    headers: response.headers,
    text: response.body,
  };
}

/** POST /v1/brands with a raw payload, as a client that builds its own JSON would send it. */
function postBrandPayload(key: string, payload: string) {
  return send({
    method: 'POST',
    url: '/v1/brands',
    payload,
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      'idempotency-key': newId(),
    },
  });
}

/** The error envelope of §3, whose `request_id` is the response's `X-Correlation-ID`. */
function expectEnvelope(response: ApiResponse, status: number, code: string): Record<string, unknown> {
  const details = expectError(response, status, code);
  assert.deepEqual(Object.keys(response.body).sort(), ['error', 'request_id']);
  assert.equal(response.body.request_id, response.headers['x-correlation-id']);
  return details;
}

async function operator() {
  const deps = await testDeps();
  return { db: deps.database.db, clock: deps.clock, newId: deps.newId };
}

describe('X-Correlation-ID (spec §1)', () => {
  it('is a new UUID on every response when the caller sends none', async () => {
    const { key } = await createTenant();
    const responses = [
      await call(key, 'GET', '/v1/me'),
      await call(null, 'GET', '/v1/me'),
      await call(key, 'GET', '/v1/nothing-here'),
      await send({ method: 'GET', url: '/healthz' }),
      await send({ method: 'GET', url: '/docs/' }),
    ];
    const ids = responses.map((response) => String(response.headers['x-correlation-id']));
    for (const id of ids) assert.match(id, UUID);
    assert.equal(new Set(ids).size, ids.length);
  });

  it("echoes the caller's own id when it is valid, in the header and in error bodies", async () => {
    const { key } = await createTenant();
    const own = 'checkout-7f3a:retry.2';
    const ok = await call(key, 'GET', '/v1/me', undefined, { 'x-correlation-id': own });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers['x-correlation-id'], own);
    const failed = await call(null, 'GET', '/v1/me', undefined, { 'x-correlation-id': own });
    expectEnvelope(failed, 401, 'unauthorized');
    assert.equal(failed.body.request_id, own);
  });

  it('replaces an invalid caller id with a UUID', async () => {
    for (const invalid of ['short', 'has spaces in it', 'x'.repeat(129), 'semi;colon;value']) {
      const response = await call(null, 'GET', '/v1/me', undefined, { 'x-correlation-id': invalid });
      expectEnvelope(response, 401, 'unauthorized');
      assert.match(String(response.headers['x-correlation-id']), UUID);
    }
  });
});

describe('request bodies and routes', () => {
  it('refuses a body over 1 MiB with 413 payload_too_large', async () => {
    const { key } = await createTenant();
    const payload = JSON.stringify({ ...acme, brand_info_summary: 'x'.repeat(BODY_LIMIT_BYTES) });
    expectEnvelope(await postBrandPayload(key, payload), 413, 'payload_too_large');
  });

  it('answers malformed JSON with 422 body_validation_error', async () => {
    const { key } = await createTenant();
    for (const payload of ['{"name": "Acme",', 'not json', '{"name": "Acme"}}']) {
      const details = expectEnvelope(await postBrandPayload(key, payload), 422, 'body_validation_error') as {
        errors: Array<{ loc: unknown[]; type: string }>;
      };
      assert.deepEqual(details.errors[0]?.loc, ['body']);
    }
  });

  it('refuses the NUL character, which PostgreSQL cannot store, where it stands, and stores nothing', async () => {
    const { key } = await createTenant();
    const body = { name: 'Ac\u0000me', website: 'https://acme.com', aliases: ['ok', 'b\u0000d'] };
    assert.deepEqual(
      expectEnvelope(await call(key, 'POST', '/v1/brands', body), 422, 'body_validation_error'),
      {
        errors: [
          {
            loc: ['body', 'name'],
            msg: 'must not contain the NUL character (U+0000)',
            type: 'nul_character',
          },
          {
            loc: ['body', 'aliases', 1],
            msg: 'must not contain the NUL character (U+0000)',
            type: 'nul_character',
          },
        ],
      },
    );
    assert.deepEqual(
      expectEnvelope(await call(key, 'GET', '/v1/brands?search=a%00b'), 400, 'validation_error'),
      {
        errors: [
          {
            loc: ['query', 'search'],
            msg: 'must not contain the NUL character (U+0000)',
            type: 'nul_character',
          },
        ],
      },
    );
    assert.deepEqual((await call(key, 'GET', '/v1/brands')).body.data, []);
  });

  it('answers an unknown route with the 404 not_found envelope, with or without a key', async () => {
    const { key } = await createTenant();
    expectEnvelope(await call(key, 'GET', '/v1/nothing-here'), 404, 'not_found');
    expectEnvelope(await call(null, 'POST', '/v1/nothing-here', {}), 404, 'not_found');
    expectEnvelope(await call(null, 'GET', '/nothing-here'), 404, 'not_found');
    expectEnvelope(await call(key, 'PUT', '/v1/brands'), 404, 'not_found');
  });
});

describe('service endpoints', () => {
  it('answers /healthz and /readyz without a key', async () => {
    const health = await send({ method: 'GET', url: '/healthz' });
    assert.equal(health.status, 200);
    assert.deepEqual(health.body, { status: 'ok' });
    const ready = await send({ method: 'GET', url: '/readyz' });
    assert.equal(ready.status, 200);
    const { database } = await testDeps();
    assert.deepEqual(ready.body, { status: 'ready', database: database.driver, queue: 'postgres' });
  });

  it('serves the reference UI at /docs, pointing at the OpenAPI document, with its script bundled', async () => {
    const bare = await send({ method: 'GET', url: '/docs' });
    assert.equal(bare.status, 301);
    assert.equal(bare.headers.location, '/docs/');
    const page = await send({ method: 'GET', url: '/docs/' });
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(page.text, /<html/i);
    assert.match(page.text, /\/v1\/openapi\.json/);
    const script = /<script src="([^"]+)"/.exec(page.text)?.[1];
    assert.ok(script, 'the page loads a script');
    const asset = await send({ method: 'GET', url: new URL(script, 'http://localhost/docs/').pathname });
    assert.equal(asset.status, 200);
    assert.match(String(asset.headers['content-type']), /javascript/);
  });
});

describe('internal errors', () => {
  it('answers an unexpected database error with a bare 500: no stack, no SQL, no parameters', async () => {
    const { key } = await createTenant();
    const { database } = await testDeps();
    // A constraint no code path expects makes a valid insert fail inside the database.
    await database.db.execute(sql`alter table brands add constraint test_failure check (name <> 'Explode')`);
    const response = await call(key, 'POST', '/v1/brands', { ...acme, name: 'Explode' }).finally(() =>
      database.db.execute(sql`alter table brands drop constraint test_failure`),
    );
    expectEnvelope(response, 500, 'internal_error');
    assert.deepEqual(response.body.error, {
      code: 'internal_error',
      message: 'An unexpected error occurred.',
      details: {},
    });
    const text = JSON.stringify(response.body);
    for (const leak of [
      'insert',
      'brands',
      'Failed query',
      'params',
      ' at ',
      '.ts:',
      'Explode',
      'test_failure',
    ])
      assert.ok(!text.includes(leak), `the body leaks ${leak}`);
  });

  it('translates the Postgres errors that drizzle wraps (unique, foreign key, connection refused)', async () => {
    const tenant = await createTenant();
    const { database } = await testDeps();
    const now = new Date();
    const row = {
      accountId: tenant.accountId,
      key: newId(),
      method: 'POST',
      path: '/v1/brands',
      bodyHash: 'hash',
      state: 'done' as const,
      lockedUntil: now,
      createdAt: now,
    };
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => new Error('the statement succeeded'),
        (error: Error) => error,
      );
    await database.db.insert(idempotencyKeys).values(row);
    const duplicate = await failure(database.db.insert(idempotencyKeys).values(row));
    assert.equal(toApiError(duplicate)?.code, 'conflict');
    const orphan = await failure(
      database.db.insert(idempotencyKeys).values({ ...row, accountId: newId(), key: newId() }),
    );
    assert.equal(toApiError(orphan)?.code, 'not_found');

    // Port 1 on loopback: nothing listens, so the connection is refused at once.
    const unreachable = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/sightline' });
    try {
      const refused = await failure(unreachable.db.select().from(apiKeys).limit(1));
      const translated = toApiError(refused);
      assert.equal(translated?.code, 'service_unavailable');
      assert.deepEqual(translated?.headers, { 'retry-after': '5' });
    } finally {
      await unreachable.close();
    }
  });
});

describe('API keys (spec §2)', () => {
  it('refuses a revoked key with 401', async () => {
    const tenant = await createTenant();
    const deps = await operator();
    const created = await createKey(deps, {
      accountId: tenant.accountId,
      mode: 'test',
      scopes: ['*'],
      allowedBrandId: null,
      expiresInDays: null,
    });
    assert.equal((await call(created.key, 'GET', '/v1/me')).status, 200);
    await revokeAccountKey(deps, created.id);
    expectEnvelope(await call(created.key, 'GET', '/v1/me'), 401, 'unauthorized');
    expectEnvelope(await call(created.key, 'POST', '/v1/brands', acme), 401, 'unauthorized');
    // The account's other keys are untouched.
    assert.equal((await call(tenant.key, 'GET', '/v1/me')).status, 200);
  });

  it('refuses an expired key with 401', async () => {
    const tenant = await createTenant();
    const deps = await operator();
    const created = await createKey(deps, {
      accountId: tenant.accountId,
      mode: 'test',
      scopes: ['*'],
      allowedBrandId: null,
      expiresInDays: 30,
    });
    assert.equal((await call(created.key, 'GET', '/v1/me')).status, 200);
    await deps.db
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiKeys.id, created.id));
    expectEnvelope(await call(created.key, 'GET', '/v1/me'), 401, 'unauthorized');
  });

  it('refuses a key whose checksum does not hold with 401', async () => {
    const { key } = await createTenant();
    const last = key.slice(-1);
    const flipped = `${key.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`;
    // The checksum alone rejects it, before any lookup by hash.
    assert.equal(parseApiKey(flipped), null);
    expectEnvelope(await call(flipped, 'GET', '/v1/me'), 401, 'unauthorized');
    for (const malformed of ['sl_test_', 'sl_prod_abc', `${key}x`, 'Bearer', key.replace('sl_', 'SL_')])
      expectEnvelope(await call(malformed, 'GET', '/v1/me'), 401, 'unauthorized');
    const wrongScheme = await call(null, 'GET', '/v1/me', undefined, { authorization: `Basic ${key}` });
    expectEnvelope(wrongScheme, 401, 'unauthorized');
  });
});
