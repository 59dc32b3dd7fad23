import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  call,
  createTenant,
  expectError,
  expectSecurity,
  type TestTenant,
  testDeps,
} from '../../../test/harness.ts';
import { suggestAliases } from '../../analysis/aliases.ts';
import { newId } from '../../clock.ts';
import { aliasDismissals, results } from '../../db/schema/index.ts';

type Json = Record<string, unknown>;
const acmeCrm = { name: 'Acme CRM', website: 'https://acmecrm.com' };
const FIRST =
  'For small agencies, Acme-CRM is a strong pick: Acme-CRM syncs email. Pricing is on acmecrm.com.';
const SECOND = 'Teams shortlist Acme-CRM, Pipedrive and HubSpot; acmecrm.com lists the plans.';

interface Setup {
  tenant: TestTenant;
  key: string;
  brand: Json;
  url: string;
  answer(texts: string | string[], changes?: Partial<typeof results.$inferInsert>): Promise<void>;
}

/** A brand with one report and prompt; `answer` stores a result as a run would. */
async function setup(tenant?: TestTenant): Promise<Setup> {
  const owner = tenant ?? (await createTenant());
  const { body: brand } = await call(owner.key, 'POST', '/v1/brands', acmeCrm);
  const { body: report } = await call(owner.key, 'POST', '/v1/reports', { brand_id: brand.id });
  const { body: prompts } = await call<{ data: Array<{ id: string }> }>(
    owner.key,
    'POST',
    `/v1/reports/${report.id}/prompts`,
    { prompts: [{ prompt_text: 'Best CRM for agencies?' }] },
  );
  const db = (await testDeps()).database.db;
  let sample = 0;
  return {
    tenant: owner,
    key: owner.key,
    brand,
    url: `/v1/brands/${brand.id}/alias-suggestions`,
    answer: async (texts, changes = {}) => {
      const rows = (Array.isArray(texts) ? texts : [texts]).map((text) => ({
        // Time-ordered ids: the last text is the newest answer.
        id: newId(),
        reportId: String(report.id),
        promptId: String(prompts.data[0]?.id),
        platform: 'chatgpt',
        sample: ++sample,
        status: 'completed' as const,
        answer: text,
        mentionedBrands: [],
        citations: [],
        createdAt: new Date(),
        ...changes,
      }));
      await db.insert(results).values(rows);
    },
  };
}

function expected(aliases: string[], answersNewestFirst: string[], hidden: string[] = []): Json {
  const data = suggestAliases({ ...acmeCrm, aliases }, answersNewestFirst)
    .filter((suggestion) => !hidden.includes(suggestion.business_name.toLowerCase()))
    .map((suggestion) => ({ object: 'alias_suggestion', ...suggestion }));
  return { object: 'list', data };
}

const path = (base: string, name: string) => `${base}/${encodeURIComponent(name)}`;

describe('alias suggestions', () => {
  it("suggests spellings from the brand's completed answers only", async () => {
    const { key, tenant, url, answer } = await setup();
    assert.deepEqual((await call(key, 'GET', url)).body, { object: 'list', data: [] });
    await answer(FIRST);
    await answer(SECOND);
    await answer('Acme_CRM timed out', { status: 'failed' });
    const other = await setup(tenant);
    await other.answer('Acmé CRM is popular in France.');

    const listed = await call<{ data: Json[] }>(key, 'GET', url);
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body, expected([], [SECOND, FIRST]));
    const byName = new Map(listed.body.data.map((item) => [item.business_name, item]));
    assert.deepEqual(byName.get('Acme-CRM'), {
      object: 'alias_suggestion',
      business_name: 'Acme-CRM',
      confidence: 57,
      occurrences: 3,
      signals: ['punctuation_variant', 'seen_in_multiple_answers'],
    });
    assert.deepEqual(byName.get('acmecrm.com')?.signals, ['domain_form', 'seen_in_multiple_answers']);
  });

  it('reads only the latest 500 answers', async () => {
    const { key, url, answer } = await setup();
    const old = 'An old answer naming Acme_CRM.';
    await answer(old);
    const newer = Array.from({ length: 499 }, (_, index) => `Answer ${index} names Acme CRM only.`);
    await answer(newer);
    assert.deepEqual((await call(key, 'GET', url)).body, expected([], [...newer].reverse().concat(old)));
    assert.equal((await call<{ data: Json[] }>(key, 'GET', url)).body.data[0]?.business_name, 'Acme_CRM');
    await answer('The newest answer.');
    assert.deepEqual((await call(key, 'GET', url)).body, { object: 'list', data: [] });
  });

  it('accepts a spelling as an alias once, any case, names percent-encoded', async () => {
    const { key, brand, url, answer } = await setup();
    await answer(FIRST);
    const accepted = await call(key, 'POST', `${path(url, 'Acme-CRM')}/acceptances`);
    assert.equal(accepted.status, 201);
    const { updated_at, ...rest } = accepted.body;
    const { updated_at: before, ...unchanged } = brand;
    assert.deepEqual(rest, { ...unchanged, brand_aliases: ['Acme-CRM'] });
    assert.ok(String(updated_at) >= String(before));
    assert.deepEqual((await call(key, 'GET', `/v1/brands/${brand.id}`)).body, accepted.body);
    assert.deepEqual((await call(key, 'GET', url)).body, expected(['Acme-CRM'], [FIRST]));
    assert.ok(!JSON.stringify((await call(key, 'GET', url)).body).includes('"Acme-CRM"'));

    for (const taken of ['Acme-CRM', 'acme-crm', 'ACME CRM', '  Acme   CRM ']) {
      const details = expectError(
        await call(key, 'POST', `${path(url, taken)}/acceptances`),
        409,
        'alias_already_accepted',
      );
      assert.deepEqual(details, { business_name: taken.trim().replace(/\s+/g, ' ') });
    }
    const written = await call(key, 'POST', `${path(url, 'Acmé CRM Ünlimited')}/acceptances`, {});
    assert.equal(written.status, 201);
    const dotted = await call(key, 'POST', `${path(url, 'acme.crm/eu')}/acceptances`);
    assert.deepEqual(dotted.body.brand_aliases, ['Acme-CRM', 'Acmé CRM Ünlimited', 'acme.crm/eu']);

    expectError(await call(key, 'POST', `${path(url, 'x'.repeat(81))}/acceptances`), 400, 'validation_error');
    expectError(await call(key, 'POST', `${path(url, ' ')}/acceptances`), 400, 'validation_error');
    expectError(
      await call(key, 'POST', `${path(url, 'x')}/acceptances`, { a: 1 }),
      422,
      'body_validation_error',
    );
  });

  it('refuses a 51st alias with 409 conflict', async () => {
    const { key } = await createTenant();
    const aliases = Array.from({ length: 50 }, (_, index) => `Acme ${index}`);
    const { body: brand } = await call(key, 'POST', '/v1/brands', { ...acmeCrm, brand_aliases: aliases });
    const full = await call(key, 'POST', `/v1/brands/${brand.id}/alias-suggestions/Acme-CRM/acceptances`);
    assert.deepEqual(expectError(full, 409, 'conflict'), { limit: 50 });
  });

  it('dismisses a spelling so it is no longer suggested; dismissing again is fine', async () => {
    const { key, brand, url, answer } = await setup();
    await answer(FIRST);
    const dismissed = await call(key, 'DELETE', path(url, 'acmecrm.com'));
    assert.deepEqual({ status: dismissed.status, body: dismissed.body }, { status: 204, body: null });
    assert.deepEqual((await call(key, 'GET', url)).body, expected([], [FIRST], ['acmecrm.com']));
    assert.equal((await call(key, 'DELETE', path(url, 'ACMECRM.COM'))).status, 204);
    assert.equal((await call(key, 'DELETE', path(url, 'acmecrm.com'))).status, 204);
    assert.equal((await call(key, 'DELETE', path(url, 'Never Suggested'))).status, 204);
    assert.deepEqual((await call(key, 'GET', url)).body, expected([], [FIRST], ['acmecrm.com']));

    const db = (await testDeps()).database.db;
    const stored = async () =>
      (
        await db
          .select()
          .from(aliasDismissals)
          .where(eq(aliasDismissals.brandId, String(brand.id)))
      )
        .map((row) => row.businessName)
        .sort();
    assert.deepEqual(await stored(), ['ACMECRM.COM', 'Never Suggested', 'acmecrm.com']);
    // Accepting a dismissed name clears its dismissals (any case).
    assert.equal((await call(key, 'POST', `${path(url, 'AcmeCRM.com')}/acceptances`)).status, 201);
    assert.deepEqual(await stored(), ['Never Suggested']);
  });

  it('enforces keys, scopes, tenancy, modes and brand restrictions', async () => {
    const { tenant, brand, url } = await setup();
    const { body: other } = await call(tenant.key, 'POST', '/v1/brands', { ...acmeCrm, name: 'Other' });
    const requests = [
      { method: 'GET', url, scope: 'read:brands', status: 200 },
      { method: 'POST', url: `${path(url, 'Acme-CRM')}/acceptances`, scope: 'write:brands', status: 201 },
      { method: 'DELETE', url: path(url, 'Acme-CRM'), scope: 'write:brands', status: 204 },
    ] as const;
    const readOnly = await tenant.keyWith({ scopes: ['read:brands'] });
    const wrongScope = await tenant.keyWith({ scopes: ['read:citations'] });
    const outsiders = {
      stranger: (await createTenant()).key,
      live: await tenant.keyWith({ mode: 'live' }),
      restricted: await tenant.keyWith({ allowedBrandId: String(other.id) }),
    };
    const own = await tenant.keyWith({ allowedBrandId: String(brand.id), scopes: ['write:brands'] });
    for (const request of requests) {
      await expectSecurity(outsiders, request.method, request.url);
      // Which key lacks the scope depends on the request; only the required scope is compared.
      const denied = await call(
        request.scope === 'read:brands' ? wrongScope : readOnly,
        request.method,
        request.url,
      );
      const details = expectError(denied, 403, 'insufficient_scope');
      assert.equal(details.required_scope, request.scope);
      assert.equal((await call(own, request.method, request.url)).status, request.status, request.url);
    }
    const missing = '/v1/brands/00000000-0000-7000-8000-000000000000/alias-suggestions';
    expectError(await call(tenant.key, 'GET', missing), 404, 'not_found');
    expectError(await call(tenant.key, 'GET', '/v1/brands/nope/alias-suggestions'), 400, 'validation_error');
  });
});
