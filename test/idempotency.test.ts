import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { newId } from '../src/clock.ts';
import { brands, idempotencyKeys } from '../src/db/schema/index.ts';
import { type ApiResponse, call, createTenant, expectError, testApp, testDeps } from './harness.ts';

const acme = { name: 'Acme', website: 'https://acme.com' };

async function brandCount(accountId: string): Promise<number> {
  const { database } = await testDeps();
  const [row] = await database.db.select({ n: count() }).from(brands).where(eq(brands.accountId, accountId));
  return row?.n ?? 0;
}

async function storedKeys(accountId: string): Promise<number> {
  const { database } = await testDeps();
  const [row] = await database.db
    .select({ n: count() })
    .from(idempotencyKeys)
    .where(eq(idempotencyKeys.accountId, accountId));
  return row?.n ?? 0;
}

function withKey(key: string): Record<string, string> {
  return { 'idempotency-key': key };
}

describe('idempotency (spec §5)', () => {
  it('replays the first response of a repeated POST and creates one brand', async () => {
    const tenant = await createTenant();
    const key = newId();
    const first = await call(tenant.key, 'POST', '/v1/brands', acme, withKey(key));
    assert.equal(first.status, 201);
    assert.equal(first.headers['idempotent-replayed'], undefined);

    const replay = await call(tenant.key, 'POST', '/v1/brands', acme, withKey(key));
    assert.equal(replay.status, 201);
    assert.deepEqual(replay.body, first.body);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.equal(replay.headers['content-type'], first.headers['content-type']);
    // The replay is a response of its own: its correlation id is new.
    assert.notEqual(replay.headers['x-correlation-id'], first.headers['x-correlation-id']);

    assert.equal(await brandCount(tenant.accountId), 1);
    const listed = await call<{ data: Array<{ id: string }> }>(tenant.key, 'GET', '/v1/brands');
    assert.deepEqual(
      listed.body.data.map((brand) => brand.id),
      [first.body.id],
    );
  });

  it('lets 20 concurrent identical POSTs create exactly one brand', async () => {
    const tenant = await createTenant();
    const app = await testApp();
    const key = newId();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        app.inject({
          method: 'POST',
          url: '/v1/brands',
          payload: JSON.stringify(acme),
          headers: {
            authorization: `Bearer ${tenant.key}`,
            'content-type': 'application/json',
            'idempotency-key': key,
          },
        }),
      ),
    );
    const results: ApiResponse[] = responses.map((response) => ({
      status: response.statusCode,
      body: JSON.parse(response.body) as Record<string, unknown>,
      headers: response.headers,
    }));

    const created = results.filter((result) => result.status === 201);
    for (const result of results) {
      if (result.status !== 201) expectError(result, 409, 'conflict');
    }
    assert.equal(created.filter((result) => result.headers['idempotent-replayed'] === undefined).length, 1);
    for (const result of created) assert.deepEqual(result.body, created[0]?.body);
    assert.equal(await brandCount(tenant.accountId), 1);
  });

  it('refuses the same key with another body, path or method (422 idempotency_key_reused)', async () => {
    const tenant = await createTenant();
    const key = newId();
    const first = await call(tenant.key, 'POST', '/v1/brands', acme, withKey(key));
    assert.equal(first.status, 201);

    expectError(
      await call(tenant.key, 'POST', '/v1/brands', { ...acme, name: 'Other' }, withKey(key)),
      422,
      'idempotency_key_reused',
    );
    expectError(
      await call(
        tenant.key,
        'POST',
        '/v1/scheduled-reports',
        { brand_id: first.body.id, name: 'Weekly', frequency: 'weekly' },
        withKey(key),
      ),
      422,
      'idempotency_key_reused',
    );
    expectError(
      await call(tenant.key, 'POST', '/v1/brands?source=retry', acme, withKey(key)),
      422,
      'idempotency_key_reused',
    );
    expectError(
      await call(tenant.key, 'PATCH', `/v1/brands/${first.body.id}`, { name: 'Renamed' }, withKey(key)),
      422,
      'idempotency_key_reused',
    );
    assert.equal(await brandCount(tenant.accountId), 1);
    const read = await call(tenant.key, 'GET', `/v1/brands/${first.body.id}`);
    assert.equal(read.body.name, 'Acme');
  });

  it('requires the header on POST (400 idempotency_key_required)', async () => {
    const tenant = await createTenant();
    const app = await testApp();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/brands',
      payload: JSON.stringify(acme),
      headers: { authorization: `Bearer ${tenant.key}`, 'content-type': 'application/json' },
    });
    expectError(
      {
        status: response.statusCode,
        body: JSON.parse(response.body) as Record<string, unknown>,
        headers: response.headers,
      },
      400,
      'idempotency_key_required',
    );
    assert.equal(await brandCount(tenant.accountId), 0);
  });

  it('rejects invalid header values (400 validation_error) and accepts 255 printable characters', async () => {
    const tenant = await createTenant();
    for (const invalid of ['has space', 'x'.repeat(256), 'tab\there', 'ünïcode']) {
      const details = expectError(
        await call(tenant.key, 'POST', '/v1/brands', acme, withKey(invalid)),
        400,
        'validation_error',
      ) as { errors: Array<{ loc: unknown[] }> };
      assert.deepEqual(details.errors[0]?.loc, ['header', 'Idempotency-Key']);
    }
    assert.equal(await brandCount(tenant.accountId), 0);
    const longest = await call(tenant.key, 'POST', '/v1/brands', acme, withKey('~'.repeat(255)));
    assert.equal(longest.status, 201);
  });

  it('honours a key on PATCH: the replay returns the first response and changes nothing', async () => {
    const tenant = await createTenant();
    const { body: brand } = await call(tenant.key, 'POST', '/v1/brands', acme);
    const url = `/v1/brands/${brand.id}`;
    const key = newId();

    const first = await call(tenant.key, 'PATCH', url, { name: 'Acme One' }, withKey(key));
    assert.equal(first.status, 200);
    assert.equal(first.body.name, 'Acme One');
    const other = await call(tenant.key, 'PATCH', url, { name: 'Acme Two' });
    assert.equal(other.status, 200);

    const replay = await call(tenant.key, 'PATCH', url, { name: 'Acme One' }, withKey(key));
    assert.equal(replay.status, 200);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.deepEqual(replay.body, first.body);
    const read = await call(tenant.key, 'GET', url);
    assert.equal(read.body.name, 'Acme Two');
  });

  it('keeps keys per account: another account can use the same key', async () => {
    const first = await createTenant();
    const second = await createTenant();
    const key = newId();
    const a = await call(first.key, 'POST', '/v1/brands', acme, withKey(key));
    const b = await call(second.key, 'POST', '/v1/brands', { ...acme, name: 'Beta' }, withKey(key));
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    assert.equal(b.headers['idempotent-replayed'], undefined);
    assert.equal(b.body.name, 'Beta');
    assert.notEqual(b.body.id, a.body.id);
    assert.equal(await brandCount(first.accountId), 1);
    assert.equal(await brandCount(second.accountId), 1);
  });

  it('ignores the header on GET', async () => {
    const tenant = await createTenant();
    const { body: brand } = await call(tenant.key, 'POST', '/v1/brands', acme);
    const stored = await storedKeys(tenant.accountId);
    for (const key of ['get-key', 'get-key', 'not valid on a POST']) {
      const read = await call(tenant.key, 'GET', `/v1/brands/${brand.id}`, undefined, withKey(key));
      assert.equal(read.status, 200);
      assert.equal(read.headers['idempotent-replayed'], undefined);
      assert.deepEqual(read.body, brand);
    }
    assert.equal(await storedKeys(tenant.accountId), stored);
  });

  it('forgets a key after 24 hours: it can then be used with another body', async () => {
    const tenant = await createTenant();
    const key = newId();
    const first = await call(tenant.key, 'POST', '/v1/brands', acme, withKey(key));
    assert.equal(first.status, 201);
    expectError(
      await call(tenant.key, 'POST', '/v1/brands', { ...acme, name: 'Later' }, withKey(key)),
      422,
      'idempotency_key_reused',
    );

    const { database } = await testDeps();
    await database.db
      .update(idempotencyKeys)
      .set({ createdAt: new Date(Date.now() - 25 * 60 * 60 * 1000) })
      .where(and(eq(idempotencyKeys.accountId, tenant.accountId), eq(idempotencyKeys.key, key)));

    const later = await call(tenant.key, 'POST', '/v1/brands', { ...acme, name: 'Later' }, withKey(key));
    assert.equal(later.status, 201);
    assert.equal(later.headers['idempotent-replayed'], undefined);
    assert.equal(later.body.name, 'Later');
    assert.notEqual(later.body.id, first.body.id);
    assert.equal(await brandCount(tenant.accountId), 2);
    // The fresh key is then kept (and replayed) like any other.
    const replay = await call(tenant.key, 'POST', '/v1/brands', { ...acme, name: 'Later' }, withKey(key));
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.deepEqual(replay.body, later.body);
  });
});
