import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  call,
  createTenant,
  EMPTY_BRAND_FACTS,
  expectError,
  type TestTenant,
  testDeps,
} from '../../../test/harness.ts';
import { findFacts, upsertFacts } from './brand-facts.repo.ts';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const EMPTY = { object: 'brand_facts', ...EMPTY_BRAND_FACTS, research_status: null };

async function brandOf(tenant: TestTenant, name = 'Acme'): Promise<string> {
  const { body } = await call(tenant.key, 'POST', '/v1/brands', { name, website: 'https://acme.com' });
  return String(body.id);
}

function factsUrl(brandId: string): string {
  return `/v1/brands/${brandId}/facts`;
}

describe('brand facts', () => {
  it('answers facts_not_generated until facts exist; PATCH creates them without a research status', async () => {
    const tenant = await createTenant();
    const brandId = await brandOf(tenant);
    expectError(await call(tenant.key, 'GET', factsUrl(brandId)), 404, 'facts_not_generated');

    const patched = await call(tenant.key, 'PATCH', factsUrl(brandId), {
      description: '  Rockets and anvils.  ',
      founded_year: 1949,
      key_people: [{ name: 'Wile E. Coyote' }],
      products: [{ name: 'Anvil', description: 'Heavy.' }],
      competitors: [{ name: 'Ajax', website: 'https://ajax.example.com' }],
    });
    assert.equal(patched.status, 200);
    const { updated_at, ...rest } = patched.body;
    assert.match(String(updated_at), ISO);
    assert.deepEqual(rest, {
      ...EMPTY,
      brand_id: brandId,
      description: 'Rockets and anvils.',
      founded_year: 1949,
      key_people: [{ name: 'Wile E. Coyote', role: null }],
      products: [{ name: 'Anvil', description: 'Heavy.' }],
      competitors: [{ name: 'Ajax', website: 'https://ajax.example.com', aliases: [] }],
    });
    assert.deepEqual((await call(tenant.key, 'GET', factsUrl(brandId))).body, patched.body);

    const stored = await findFacts((await testDeps()).database.db, brandId);
    assert.equal(stored?.researchStatus, null);
    assert.equal(stored?.description, 'Rockets and anvils.');
  });

  it('merges the fields sent, clears explicit nulls and replaces lists whole', async () => {
    const tenant = await createTenant();
    const brandId = await brandOf(tenant);
    await call(tenant.key, 'PATCH', factsUrl(brandId), {
      description: 'Rockets.',
      tagline: 'Beep beep',
      industry: 'Aerospace',
      key_facts: ['one', 'two'],
      services: [{ name: 'Delivery', description: null }],
      competitors: [{ name: 'Ajax', website: null, aliases: ['Ajax Co'] }],
    });
    const merged = await call(tenant.key, 'PATCH', factsUrl(brandId), {
      tagline: null,
      industry: '   ',
      headquarters: 'Arizona, US',
      key_facts: ['three'],
      services: null,
    });
    assert.equal(merged.status, 200);
    const { updated_at: _updated, ...rest } = merged.body;
    assert.deepEqual(rest, {
      ...EMPTY,
      brand_id: brandId,
      description: 'Rockets.',
      headquarters: 'Arizona, US',
      key_facts: ['three'],
      competitors: [{ name: 'Ajax', website: null, aliases: ['Ajax Co'] }],
    });
  });

  it('keeps the research status set by the research worker across edits', async () => {
    const tenant = await createTenant();
    const brandId = await brandOf(tenant);
    const { database } = await testDeps();
    await upsertFacts(database.db, brandId, {
      description: 'Researched.',
      keyFacts: ['Founded in a canyon'],
      researchStatus: 'complete',
      updatedAt: new Date('2026-01-02T03:04:05.678Z'),
    });
    const read = await call(tenant.key, 'GET', factsUrl(brandId));
    assert.deepEqual(read.body, {
      ...EMPTY,
      brand_id: brandId,
      description: 'Researched.',
      key_facts: ['Founded in a canyon'],
      research_status: 'complete',
      updated_at: '2026-01-02T03:04:05.678Z',
    });
    const edited = await call(tenant.key, 'PATCH', factsUrl(brandId), { tagline: 'Fast' });
    assert.equal(edited.body.research_status, 'complete');
    assert.equal(edited.body.description, 'Researched.');
    assert.notEqual(edited.body.updated_at, read.body.updated_at);
  });

  it('rejects invalid bodies and parameters with the catalog codes', async () => {
    const tenant = await createTenant();
    const brandId = await brandOf(tenant);
    const url = factsUrl(brandId);
    const patch = (body: unknown) => call(tenant.key, 'PATCH', url, body);
    const details = expectError(await patch({ founded_year: 1799 }), 422, 'body_validation_error') as {
      errors: Array<{ loc: unknown[] }>;
    };
    assert.deepEqual(details.errors[0]?.loc, ['body', 'founded_year']);
    const invalid: unknown[] = [
      { founded_year: 2101 },
      { founded_year: 1999.5 },
      { founded_year: '1999' },
      { key_facts: Array(21).fill('fact') },
      { key_facts: ['x'.repeat(501)] },
      { key_facts: [''] },
      { key_people: Array(11).fill({ name: 'A' }) },
      { key_people: [{ name: 'A', age: 3 }] },
      { products: Array(11).fill({ name: 'P' }) },
      { services: Array(11).fill({ name: 'S' }) },
      { services: [{ description: 'no name' }] },
      { competitors: Array(21).fill({ name: 'C' }) },
      { competitors: [{ name: '' }] },
      { competitors: [{ name: 'x'.repeat(81) }] },
      { competitors: [{ name: 'C', website: 'ftp://c.example.com' }] },
      { competitors: [{ name: 'C', aliases: Array(21).fill('c') }] },
      { tagline: 'x'.repeat(301) },
      { research_status: 'complete' },
      { unknown_field: 1 },
    ];
    for (const body of invalid) expectError(await patch(body), 422, 'body_validation_error');
    assert.equal(await findFacts((await testDeps()).database.db, brandId), undefined);

    expectError(await call(tenant.key, 'GET', '/v1/brands/not-a-uuid/facts'), 400, 'validation_error');
    expectError(await call(tenant.key, 'PATCH', '/v1/brands/not-a-uuid/facts', {}), 400, 'validation_error');
  });

  it('enforces keys, scopes, tenancy, modes and brand restrictions', async () => {
    const tenant = await createTenant();
    const brandId = await brandOf(tenant);
    const otherId = await brandOf(tenant, 'Other');
    const url = factsUrl(brandId);
    await call(tenant.key, 'PATCH', url, { description: 'Set.' });

    expectError(await call(null, 'GET', url), 401, 'unauthorized');
    expectError(await call(null, 'PATCH', url, { tagline: 'x' }), 401, 'unauthorized');
    const readOnly = await tenant.keyWith({ scopes: ['read:brands'] });
    assert.equal((await call(readOnly, 'GET', url)).status, 200);
    assert.deepEqual(
      expectError(await call(readOnly, 'PATCH', url, { tagline: 'x' }), 403, 'insufficient_scope'),
      {
        required_scope: 'write:brands',
        key_scopes: ['read:brands'],
      },
    );
    const jobsOnly = await tenant.keyWith({ scopes: ['read:jobs'] });
    assert.deepEqual(expectError(await call(jobsOnly, 'GET', url), 403, 'insufficient_scope'), {
      required_scope: 'read:brands',
      key_scopes: ['read:jobs'],
    });

    const stranger = await createTenant();
    expectError(await call(stranger.key, 'GET', url), 404, 'not_found');
    expectError(await call(stranger.key, 'PATCH', url, { tagline: 'x' }), 404, 'not_found');
    const live = await tenant.keyWith({ mode: 'live' });
    expectError(await call(live, 'GET', url), 404, 'not_found');
    expectError(await call(live, 'PATCH', url, { tagline: 'x' }), 404, 'not_found');

    const restricted = await tenant.keyWith({ allowedBrandId: brandId });
    assert.equal((await call(restricted, 'GET', url)).status, 200);
    expectError(await call(restricted, 'GET', factsUrl(otherId)), 403, 'brand_not_authorized');
    expectError(
      await call(restricted, 'PATCH', factsUrl(otherId), { tagline: 'x' }),
      403,
      'brand_not_authorized',
    );
    const stored = await findFacts((await testDeps()).database.db, brandId);
    assert.equal(stored?.tagline, null);
    assert.equal(await findFacts((await testDeps()).database.db, otherId), undefined);
  });
});
