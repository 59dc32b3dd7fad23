import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, createTenant, expectError } from '../../../test/harness.ts';
import { keyPrefix } from '../../http/api-keys.ts';

describe('me', () => {
  it('describes a key with read:meta, prefix and scopes included', async () => {
    const tenant = await createTenant();
    const me = await call(tenant.key, 'GET', '/v1/me');
    assert.equal(me.status, 200);
    assert.deepEqual(me.body, {
      object: 'me',
      account_id: tenant.accountId,
      auth_type: 'api_key',
      mode: 'test',
      key_prefix: keyPrefix(tenant.key),
      scopes: ['*'],
      allowed_brand_id: null,
    });
    const metaOnly = await tenant.keyWith({ scopes: ['read:meta'], mode: 'live' });
    assert.deepEqual((await call(metaOnly, 'GET', '/v1/me')).body, {
      object: 'me',
      account_id: tenant.accountId,
      auth_type: 'api_key',
      mode: 'live',
      key_prefix: keyPrefix(metaOnly),
      scopes: ['read:meta'],
      allowed_brand_id: null,
    });
  });

  it('answers any valid key but leaves out prefix and scopes without read:meta', async () => {
    const tenant = await createTenant();
    const { body: brand } = await call(tenant.key, 'POST', '/v1/brands', {
      name: 'Acme',
      website: 'https://acme.com',
    });
    const restricted = await tenant.keyWith({ scopes: ['read:brands'], allowedBrandId: String(brand.id) });
    const me = await call(restricted, 'GET', '/v1/me');
    assert.equal(me.status, 200);
    assert.deepEqual(me.body, {
      object: 'me',
      account_id: tenant.accountId,
      auth_type: 'api_key',
      mode: 'test',
      allowed_brand_id: brand.id,
    });
    const noScopes = await tenant.keyWith({ scopes: [] });
    assert.equal((await call(noScopes, 'GET', '/v1/me')).status, 200);
    const readAll = await tenant.keyWith({ scopes: ['read:all'] });
    assert.deepEqual((await call(readAll, 'GET', '/v1/me')).body.scopes, ['read:all']);
  });

  it('rejects missing and unknown keys', async () => {
    expectError(await call(null, 'GET', '/v1/me'), 401, 'unauthorized');
    expectError(await call('sl_live_notakey', 'GET', '/v1/me'), 401, 'unauthorized');
  });
});
