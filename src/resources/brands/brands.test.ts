import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, createTenant, expectError } from '../../../test/harness.ts';

const acme = { name: 'Acme', website: 'https://acme.com' };
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f-]{36}$/;

describe('brands', () => {
  it('creates a brand with defaults and reads it back', async () => {
    const { key } = await createTenant();
    const created = await call(key, 'POST', '/v1/brands', { ...acme, language: 'es', country: 'Spain' });
    assert.equal(created.status, 201);
    const { id, created_at, updated_at, ...rest } = created.body;
    assert.match(String(id), UUID);
    assert.match(String(created_at), ISO);
    assert.equal(updated_at, created_at);
    assert.deepEqual(rest, {
      object: 'brand',
      name: 'Acme',
      website: 'https://acme.com',
      brand_aliases: [],
      categories: [],
      country: 'Spain',
      language: 'Spanish',
      brand_info_summary: null,
    });
    const read = await call(key, 'GET', `/v1/brands/${id}`);
    assert.deepEqual(read.body, created.body);
  });

  it('updates only the fields sent; explicit null clears', async () => {
    const { key } = await createTenant();
    const { body } = await call(key, 'POST', '/v1/brands', {
      ...acme,
      country: 'US',
      brand_aliases: ['ACME Inc'],
    });
    const updated = await call(key, 'PATCH', `/v1/brands/${body.id}`, { name: 'Acme Co', country: null });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.name, 'Acme Co');
    assert.equal(updated.body.country, null);
    assert.deepEqual(updated.body.brand_aliases, ['ACME Inc']);
    assert.equal(updated.body.website, 'https://acme.com');
  });

  it('lists newest first with cursor pagination and a case-insensitive search', async () => {
    const { key } = await createTenant();
    for (const name of ['Alpha', 'Beta', 'Gamma', 'alphabet'])
      await call(key, 'POST', '/v1/brands', { ...acme, name });
    const first = await call<{ data: Array<{ name: string }>; has_more: boolean; next_cursor: string }>(
      key,
      'GET',
      '/v1/brands?limit=3',
    );
    assert.deepEqual(
      first.body.data.map((brand) => brand.name),
      ['alphabet', 'Gamma', 'Beta'],
    );
    assert.equal(first.body.has_more, true);
    const second = await call<{
      data: Array<{ name: string }>;
      has_more: boolean;
      next_cursor: string | null;
    }>(key, 'GET', `/v1/brands?limit=3&cursor=${first.body.next_cursor}`);
    assert.deepEqual(
      {
        names: second.body.data.map((brand) => brand.name),
        has_more: second.body.has_more,
        next_cursor: second.body.next_cursor,
      },
      { names: ['Alpha'], has_more: false, next_cursor: null },
    );
    const search = await call<{ data: Array<{ name: string }> }>(key, 'GET', '/v1/brands?search=ALPHA');
    assert.deepEqual(
      search.body.data.map((brand) => brand.name),
      ['alphabet', 'Alpha'],
    );
  });

  it('rejects invalid bodies and parameters with the catalog codes', async () => {
    const { key } = await createTenant();
    const noWebsite = await call(key, 'POST', '/v1/brands', { name: 'Acme' });
    const details = expectError(noWebsite, 422, 'body_validation_error') as {
      errors: Array<{ loc: unknown[] }>;
    };
    assert.deepEqual(details.errors[0]?.loc, ['body', 'website']);
    expectError(await call(key, 'POST', '/v1/brands', { ...acme, extra: 1 }), 422, 'body_validation_error');
    expectError(
      await call(key, 'POST', '/v1/brands', { ...acme, website: 'ftp://acme.com' }),
      422,
      'body_validation_error',
    );
    expectError(
      await call(key, 'POST', '/v1/brands', { ...acme, name: 'x'.repeat(81) }),
      422,
      'body_validation_error',
    );
    expectError(
      await call(key, 'POST', '/v1/brands', { ...acme, language: 'Klingonese' }),
      422,
      'body_validation_error',
    );
    expectError(
      await call(key, 'POST', '/v1/brands', { ...acme, brand_aliases: Array(51).fill('a') }),
      422,
      'body_validation_error',
    );
    expectError(await call(key, 'GET', '/v1/brands/not-a-uuid'), 400, 'validation_error');
    expectError(await call(key, 'GET', '/v1/brands?limit=101'), 400, 'validation_error');
    expectError(await call(key, 'GET', '/v1/brands?cursor=bogus'), 400, 'validation_error');
    expectError(
      await call(key, 'POST', '/v1/brands', acme, { 'idempotency-key': '' }),
      400,
      'validation_error',
    );
  });

  it('deletes a brand and everything under it', async () => {
    const { key } = await createTenant();
    const { body } = await call(key, 'POST', '/v1/brands', acme);
    const deleted = await call(key, 'DELETE', `/v1/brands/${body.id}`);
    assert.equal(deleted.status, 204);
    expectError(await call(key, 'GET', `/v1/brands/${body.id}`), 404, 'not_found');
  });

  it('enforces keys, scopes, tenancy, modes and brand restrictions', async () => {
    const tenant = await createTenant();
    const { body: brand } = await call(tenant.key, 'POST', '/v1/brands', acme);
    const { body: other } = await call(tenant.key, 'POST', '/v1/brands', { ...acme, name: 'Other' });
    const url = `/v1/brands/${brand.id}`;

    expectError(await call(null, 'GET', url), 401, 'unauthorized');
    expectError(await call('sl_test_notakey', 'GET', url), 401, 'unauthorized');
    const readOnly = await tenant.keyWith({ scopes: ['read:brands'] });
    assert.equal((await call(readOnly, 'GET', url)).status, 200);
    const scope = expectError(await call(readOnly, 'PATCH', url, { name: 'x' }), 403, 'insufficient_scope');
    assert.deepEqual(scope, { required_scope: 'write:brands', key_scopes: ['read:brands'] });

    const stranger = await createTenant();
    expectError(await call(stranger.key, 'GET', url), 404, 'not_found');
    expectError(await call(stranger.key, 'PATCH', url, { name: 'x' }), 404, 'not_found');
    expectError(await call(stranger.key, 'DELETE', url), 404, 'not_found');
    const live = await tenant.keyWith({ mode: 'live' });
    expectError(await call(live, 'GET', url), 404, 'not_found');

    const restricted = await tenant.keyWith({ allowedBrandId: String(brand.id) });
    assert.equal((await call(restricted, 'GET', url)).status, 200);
    expectError(await call(restricted, 'GET', `/v1/brands/${other.id}`), 403, 'brand_not_authorized');
    expectError(await call(restricted, 'POST', '/v1/brands', acme), 403, 'brand_not_authorized');
    const listed = await call<{ data: Array<{ id: string }> }>(restricted, 'GET', '/v1/brands');
    assert.deepEqual(
      listed.body.data.map((item) => item.id),
      [brand.id],
    );
  });
});
