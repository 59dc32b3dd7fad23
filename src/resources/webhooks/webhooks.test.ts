import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { call, createTenant, expectError, testDeps } from '../../../test/harness.ts';
import { webhooks } from '../../db/schema/index.ts';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f-]{36}$/;
// A public address literal: accepted under the default configuration without asking DNS.
const HOOK_URL = 'https://93.184.215.14/hooks/sightline';
const hook = { url: HOOK_URL, events: ['report.completed'] };

type Json = Record<string, unknown>;

async function brandOf(key: string, name = 'Acme'): Promise<string> {
  const { body } = await call(key, 'POST', '/v1/brands', { name, website: 'https://acme.com' });
  return String(body.id);
}

describe('webhooks', () => {
  it('creates a webhook, shows its secret once and reads it back without it', async () => {
    const { key } = await createTenant();
    const brandId = await brandOf(key);
    const created = await call(key, 'POST', `/v1/brands/${brandId}/webhooks`, {
      url: HOOK_URL,
      events: ['report.completed', 'schedule.run.failed'],
      description: 'Ops channel',
    });
    assert.equal(created.status, 201);
    const { id, secret, created_at, updated_at, ...rest } = created.body;
    assert.match(String(id), UUID);
    assert.match(String(secret), /^whsec_[A-Za-z0-9_-]{43}$/);
    assert.match(String(created_at), ISO);
    assert.equal(updated_at, created_at);
    assert.deepEqual(rest, {
      object: 'webhook',
      brand_id: brandId,
      url: HOOK_URL,
      events: ['report.completed', 'schedule.run.failed'],
      description: 'Ops channel',
      is_active: true,
      consecutive_failures: 0,
      last_success_at: null,
      last_failure_at: null,
      disabled_reason: null,
    });
    const { secret: _shown, ...withoutSecret } = created.body;
    const read = await call(key, 'GET', `/v1/brands/${brandId}/webhooks/${id}`);
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, withoutSecret);
    const listed = await call<{ data: Json[] }>(key, 'GET', `/v1/brands/${brandId}/webhooks`);
    assert.deepEqual(listed.body, {
      object: 'list',
      data: [withoutSecret],
      has_more: false,
      next_cursor: null,
    });
  });

  it('updates fields, rotates the secret and deletes', async () => {
    const { key } = await createTenant();
    const brandId = await brandOf(key);
    const { body: created } = await call(key, 'POST', `/v1/brands/${brandId}/webhooks`, hook);
    const url = `/v1/brands/${brandId}/webhooks/${created.id}`;
    const updated = await call(key, 'PATCH', url, {
      events: ['report.failed', 'report.completed'],
      description: 'Renamed',
      url: 'https://93.184.215.14/v2',
    });
    assert.equal(updated.status, 200);
    assert.deepEqual(
      [updated.body.events, updated.body.description, updated.body.url],
      [['report.failed', 'report.completed'], 'Renamed', 'https://93.184.215.14/v2'],
    );
    assert.equal((await call(key, 'PATCH', url, { description: null })).body.description, null);

    const rotated = await call(key, 'POST', `${url}/rotations`, {});
    assert.equal(rotated.status, 201);
    assert.match(String(rotated.body.secret), /^whsec_/);
    assert.notEqual(rotated.body.secret, created.secret);
    const deps = await testDeps();
    const [stored] = await deps.database.db
      .select()
      .from(webhooks)
      .where(eq(webhooks.id, String(created.id)));
    assert.equal(stored?.secret, rotated.body.secret);

    assert.equal((await call(key, 'DELETE', url)).status, 204);
    expectError(await call(key, 'GET', url), 404, 'not_found');
    expectError(await call(key, 'DELETE', url), 404, 'not_found');
  });

  it('allows 5 active webhooks per brand; deactivated ones do not count; re-activation clears failures', async () => {
    const { key } = await createTenant();
    const brandId = await brandOf(key);
    const base = `/v1/brands/${brandId}/webhooks`;
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) {
      const { status, body } = await call(key, 'POST', base, { ...hook, url: `${HOOK_URL}/${index}` });
      assert.equal(status, 201);
      ids.push(String(body.id));
    }
    assert.deepEqual(expectError(await call(key, 'POST', base, hook), 409, 'conflict'), { limit: 5 });

    const deps = await testDeps();
    await deps.database.db
      .update(webhooks)
      .set({ isActive: false, consecutiveFailures: 5, disabledReason: 'Disabled after 5 failures' })
      .where(eq(webhooks.id, String(ids[0])));
    const sixth = await call(key, 'POST', base, hook);
    assert.equal(sixth.status, 201);
    const reactivate = await call(key, 'PATCH', `${base}/${ids[0]}`, { is_active: true });
    assert.deepEqual(expectError(reactivate, 409, 'conflict'), { limit: 5 });

    await call(key, 'PATCH', `${base}/${sixth.body.id}`, { is_active: false });
    const reactivated = await call(key, 'PATCH', `${base}/${ids[0]}`, { is_active: true });
    assert.equal(reactivated.status, 200);
    assert.deepEqual(
      [reactivated.body.is_active, reactivated.body.consecutive_failures, reactivated.body.disabled_reason],
      [true, 0, null],
    );

    const inactive = await call<{ data: Json[] }>(key, 'GET', `${base}?is_active=false`);
    assert.deepEqual(
      inactive.body.data.map((item) => item.id),
      [sixth.body.id],
    );
    const page = await call<{ data: Json[]; has_more: boolean; next_cursor: string }>(
      key,
      'GET',
      `${base}?limit=4`,
    );
    assert.deepEqual([page.body.data.length, page.body.has_more], [4, true]);
    assert.deepEqual(
      page.body.data.map((item) => item.id),
      [sixth.body.id, ...ids.slice(2).reverse()],
    );
    const rest = await call<{ data: Json[]; has_more: boolean }>(
      key,
      'GET',
      `${base}?limit=4&cursor=${page.body.next_cursor}`,
    );
    assert.deepEqual(
      [rest.body.data.map((item) => item.id), rest.body.has_more],
      [ids.slice(0, 2).reverse(), false],
    );
  });

  it('refuses bad bodies, private addresses and bad parameters with the catalog codes', async () => {
    const { key } = await createTenant();
    const brandId = await brandOf(key);
    const base = `/v1/brands/${brandId}/webhooks`;
    const invalid = async (body: unknown, field: string) => {
      const details = expectError(await call(key, 'POST', base, body), 422, 'body_validation_error') as {
        errors: Array<{ loc: unknown[] }>;
      };
      assert.deepEqual(details.errors[0]?.loc.slice(0, 2), ['body', field], JSON.stringify(body));
    };
    await invalid({ events: ['report.completed'] }, 'url');
    await invalid({ ...hook, url: 'ftp://example.com/hook' }, 'url');
    await invalid({ ...hook, url: 'not a url' }, 'url');
    await invalid({ ...hook, events: [] }, 'events');
    await invalid({ ...hook, events: ['report.completed', 'report.completed'] }, 'events');
    await invalid({ ...hook, events: ['report.started'] }, 'events');
    await invalid({ ...hook, events: Array(11).fill('report.completed') }, 'events');
    await invalid({ ...hook, description: 'x'.repeat(501) }, 'description');
    expectError(await call(key, 'POST', base, { ...hook, secret: 'mine' }), 422, 'body_validation_error');

    for (const url of [
      'http://127.0.0.1:9000/hook',
      'http://10.0.0.8/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://0.0.0.0/',
      'http://[::1]/hook',
      'http://[fe80::1]/hook',
      'http://[::ffff:192.168.1.1]/hook',
      'http://localhost:8080/hook',
    ]) {
      const details = expectError(
        await call(key, 'POST', base, { ...hook, url }),
        422,
        'body_validation_error',
      );
      assert.deepEqual((details.errors as Array<{ loc: unknown[] }>)[0]?.loc, ['body', 'url'], url);
    }
    const { body: created } = await call(key, 'POST', base, hook);
    const patchPrivate = await call(key, 'PATCH', `${base}/${created.id}`, { url: 'http://192.168.0.10/' });
    expectError(patchPrivate, 422, 'body_validation_error');
    expectError(
      await call(key, 'PATCH', `${base}/${created.id}`, { is_active: 'yes' }),
      422,
      'body_validation_error',
    );

    expectError(await call(key, 'GET', `${base}/not-a-uuid`), 400, 'validation_error');
    expectError(await call(key, 'GET', `${base}?limit=0`), 400, 'validation_error');
    expectError(await call(key, 'GET', `${base}?is_active=maybe`), 400, 'validation_error');
    expectError(await call(key, 'POST', base, hook, { 'idempotency-key': '' }), 400, 'validation_error');
  });

  it('enforces keys, scopes, tenancy, modes and brand restrictions', async () => {
    const tenant = await createTenant();
    const brandId = await brandOf(tenant.key);
    const otherBrandId = await brandOf(tenant.key, 'Other');
    const base = `/v1/brands/${brandId}/webhooks`;
    const { body: created } = await call(tenant.key, 'POST', base, hook);
    const url = `${base}/${created.id}`;

    expectError(await call(null, 'GET', base), 401, 'unauthorized');
    expectError(await call(null, 'POST', base, hook), 401, 'unauthorized');
    expectError(await call('sl_test_notakey', 'GET', url), 401, 'unauthorized');

    const readOnly = await tenant.keyWith({ scopes: ['read:webhooks'] });
    assert.equal((await call(readOnly, 'GET', url)).status, 200);
    assert.equal((await call(readOnly, 'GET', base)).status, 200);
    for (const [method, path, body] of [
      ['POST', base, hook],
      ['PATCH', url, { description: 'x' }],
      ['DELETE', url, undefined],
      ['POST', `${url}/rotations`, {}],
    ] as const) {
      const details = expectError(await call(readOnly, method, path, body), 403, 'insufficient_scope');
      assert.deepEqual(details, { required_scope: 'write:webhooks', key_scopes: ['read:webhooks'] });
    }
    const brandsOnly = await tenant.keyWith({ scopes: ['write:brands'] });
    const details = expectError(await call(brandsOnly, 'GET', base), 403, 'insufficient_scope');
    assert.deepEqual(details, { required_scope: 'read:webhooks', key_scopes: ['write:brands'] });

    const stranger = await createTenant();
    expectError(await call(stranger.key, 'GET', base), 404, 'not_found');
    expectError(await call(stranger.key, 'GET', url), 404, 'not_found');
    expectError(await call(stranger.key, 'PATCH', url, { description: 'x' }), 404, 'not_found');
    expectError(await call(stranger.key, 'DELETE', url), 404, 'not_found');
    expectError(await call(stranger.key, 'POST', `${url}/rotations`, {}), 404, 'not_found');
    expectError(await call(stranger.key, 'POST', base, hook), 404, 'not_found');
    const live = await tenant.keyWith({ mode: 'live' });
    expectError(await call(live, 'GET', url), 404, 'not_found');
    // The webhook exists, but not under this (visible) brand.
    expectError(
      await call(tenant.key, 'GET', `/v1/brands/${otherBrandId}/webhooks/${created.id}`),
      404,
      'not_found',
    );

    const restricted = await tenant.keyWith({ allowedBrandId: otherBrandId });
    expectError(await call(restricted, 'GET', base), 403, 'brand_not_authorized');
    expectError(await call(restricted, 'GET', url), 403, 'brand_not_authorized');
    expectError(await call(restricted, 'POST', base, hook), 403, 'brand_not_authorized');
    expectError(await call(restricted, 'POST', `${url}/rotations`, {}), 403, 'brand_not_authorized');
    assert.equal((await call(restricted, 'GET', `/v1/brands/${otherBrandId}/webhooks`)).status, 200);
  });
});
