import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  call,
  createTenant,
  expectError,
  expectSecurity,
  startTestWorker,
  type TestTenant,
} from '../../../test/harness.ts';
import {
  type Answer,
  answersOf,
  categoriesOf,
  createBrandWithFacts,
  expectedCitations,
  expectedDomains,
  type Json,
  PROMPTS,
  runCompletedReport,
} from './citations.fixtures.ts';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Every page of a citation list, checking the page shape and the newest-first order. */
async function listAll(key: string, url: string, limit = 100): Promise<Json[]> {
  const items: Json[] = [];
  let cursor: string | null = null;
  do {
    const separator = url.includes('?') ? '&' : '?';
    const page: { status: number; body: { data: Json[]; has_more: boolean; next_cursor: string | null } } =
      await call(key, 'GET', `${url}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(page.status, 200, JSON.stringify(page.body));
    assert.equal(page.body.has_more, page.body.next_cursor !== null);
    items.push(...page.body.data);
    cursor = page.body.next_cursor;
  } while (cursor !== null);
  const ids = items.map((item) => String(item.id));
  assert.deepEqual(ids, [...ids].sort().reverse(), 'newest first');
  return items;
}

/** The list's items without their id and timestamps (checked here), by URL. */
function byUrl(items: Json[]): Map<string, Json> {
  return new Map(
    items.map((item) => {
      const { id, first_seen_at, last_seen_at, ...rest } = item;
      assert.match(String(id), /^[0-9a-f-]{36}$/);
      assert.match(String(first_seen_at), ISO);
      assert.match(String(last_seen_at), ISO);
      assert.ok(String(first_seen_at) <= String(last_seen_at));
      return [String(item.url), rest];
    }),
  );
}

const sortedByUrl = (map: Map<string, Json>) => [...map].sort(([left], [right]) => (left < right ? -1 : 1));

interface Fixture {
  key: string;
  tenant: TestTenant;
  brandId: string;
  a: string;
  b: string;
  answers: Answer[];
  categories: Map<string, string>;
}
let setup: Promise<Fixture> | null = null;

/** One brand with two completed sandbox reports (different prompts, platforms and market). */
function fixture(): Promise<Fixture> {
  setup ??= (async () => {
    // Stopped after the test that first asks for the fixture, by which time every run has finished.
    await startTestWorker();
    const tenant = await createTenant();
    const brandId = await createBrandWithFacts(tenant.key);
    const a = await runCompletedReport(tenant.key, {
      brand_id: brandId,
      ai_platforms: ['chatgpt', 'perplexity', 'claude'],
      country: 'US',
    });
    const b = await runCompletedReport(
      tenant.key,
      { brand_id: brandId, ai_platforms: ['perplexity', 'gemini'], country: 'GB', samples: 2 },
      PROMPTS.slice(0, 1),
    );
    const answers = [...(await answersOf(tenant.key, a)), ...(await answersOf(tenant.key, b))];
    return { key: tenant.key, tenant, brandId, a, b, answers, categories: await categoriesOf([a, b]) };
  })();
  return setup;
}

describe('citations', () => {
  it('lists every cited URL with per-platform counts, newest first, in cursor pages', async () => {
    const { key, brandId, answers, categories } = await fixture();
    const expected = expectedCitations(answers, categories, brandId);
    assert.ok(expected.size > 3, 'the sandbox cites sources');
    const url = `/v1/brands/${brandId}/citations`;
    const all = await listAll(key, url);
    assert.deepEqual(sortedByUrl(byUrl(all)), sortedByUrl(expected));
    const paged = await listAll(key, url, 3);
    assert.deepEqual(
      paged.map((item) => item.id),
      all.map((item) => item.id),
    );
  });

  it('filters by report, domain (any case, www. or URL) and domain category', async () => {
    const { key, brandId, b, answers, categories } = await fixture();
    const url = `/v1/brands/${brandId}/citations`;
    const inB = expectedCitations(
      answers.filter((answer) => answer.reportId === b),
      categories,
      brandId,
    );
    assert.deepEqual(sortedByUrl(byUrl(await listAll(key, `${url}?report_id=${b}`))), sortedByUrl(inB));

    const every = [...expectedCitations(answers, categories, brandId).values()];
    const [top] = expectedDomains(every);
    const domain = String(top?.domain);
    const onDomain = new Map(every.filter((c) => c.domain === domain).map((c) => [String(c.url), c]));
    for (const written of [domain, `WWW.${domain.toUpperCase()}`, `https://${domain}/some/page`]) {
      const items = await listAll(key, `${url}?domain=${encodeURIComponent(written)}`);
      assert.deepEqual(sortedByUrl(byUrl(items)), sortedByUrl(onDomain), written);
    }

    const category = String(every[0]?.domain_category);
    const inCategory = new Map(
      every.filter((c) => c.domain_category === category).map((c) => [String(c.url), c]),
    );
    const items = await listAll(key, `${url}?domain_category=${category}`);
    assert.deepEqual(sortedByUrl(byUrl(items)), sortedByUrl(inCategory));

    const both = new Map([...inB].filter(([, c]) => c.domain === domain));
    const combined = await listAll(key, `${url}?report_id=${b}&domain=${domain}`);
    assert.deepEqual(sortedByUrl(byUrl(combined)), sortedByUrl(both));
    assert.deepEqual(await listAll(key, `${url}?domain=nowhere.example`), []);
  });

  it('groups citations by domain, most cited first', async () => {
    const { key, brandId, b, answers, categories } = await fixture();
    const url = `/v1/brands/${brandId}/citations/by-domain`;
    const every = [...expectedCitations(answers, categories, brandId).values()];
    const whole = await call(key, 'GET', url);
    assert.equal(whole.status, 200);
    assert.deepEqual(whole.body, { object: 'list', data: expectedDomains(every) });

    const inB = [
      ...expectedCitations(
        answers.filter((answer) => answer.reportId === b),
        categories,
        brandId,
      ).values(),
    ];
    const filtered = await call(key, 'GET', `${url}?report_id=${b}`);
    assert.deepEqual(filtered.body, { object: 'list', data: expectedDomains(inB) });

    const top = await call(key, 'GET', `${url}?limit=1`);
    assert.deepEqual(top.body, { object: 'list', data: expectedDomains(every).slice(0, 1) });
    const category = String(every[0]?.domain_category);
    const byCategory = await call(key, 'GET', `${url}?domain_category=${category}`);
    assert.deepEqual(byCategory.body, {
      object: 'list',
      data: expectedDomains(every.filter((c) => c.domain_category === category)),
    });
  });

  it('gets one citation with the reports that cited it', async () => {
    const { key, brandId, a, b, answers, categories } = await fixture();
    const all = await listAll(key, `/v1/brands/${brandId}/citations`);
    const expected = expectedCitations(answers, categories, brandId);
    for (const item of all.slice(0, 5)) {
      const one = await call(key, 'GET', `/v1/citations/${item.id}`);
      assert.equal(one.status, 200);
      const reports = [a, b]
        .filter((reportId) =>
          answers.some(
            (answer) => answer.reportId === reportId && answer.citations.some((c) => c.url === item.url),
          ),
        )
        .sort()
        .reverse();
      assert.deepEqual(one.body, { ...item, ...expected.get(String(item.url)), reports });
    }
  });

  it('answers 404 for another brand’s report or an unknown citation, 400 for bad parameters', async () => {
    const { key, brandId } = await fixture();
    const { body: other } = await call(key, 'POST', '/v1/brands', {
      name: 'Other',
      website: 'https://other.com',
    });
    const { body: otherReport } = await call(key, 'POST', '/v1/reports', { brand_id: other.id });
    const url = `/v1/brands/${brandId}/citations`;
    expectError(await call(key, 'GET', `${url}?report_id=${otherReport.id}`), 404, 'not_found');
    expectError(await call(key, 'GET', `${url}/by-domain?report_id=${otherReport.id}`), 404, 'not_found');
    expectError(
      await call(key, 'GET', '/v1/citations/00000000-0000-7000-8000-000000000000'),
      404,
      'not_found',
    );
    expectError(await call(key, 'GET', `${url}?domain_category=BLOG`), 400, 'validation_error');
    expectError(await call(key, 'GET', `${url}?cursor=bogus`), 400, 'validation_error');
    expectError(await call(key, 'GET', `${url}/by-domain?limit=1001`), 400, 'validation_error');
    expectError(await call(key, 'GET', '/v1/citations/not-a-uuid'), 400, 'validation_error');
    const empty = await call(key, 'GET', `/v1/brands/${other.id}/citations`);
    assert.deepEqual(empty.body, { object: 'list', data: [], has_more: false, next_cursor: null });
  });

  it('enforces keys, scopes, tenancy, modes and brand restrictions', async () => {
    const { key, tenant, brandId } = await fixture();
    const [citation] = await listAll(key, `/v1/brands/${brandId}/citations`);
    const urls = [
      `/v1/brands/${brandId}/citations`,
      `/v1/brands/${brandId}/citations/by-domain`,
      `/v1/citations/${citation?.id}`,
    ];
    const readOnly = await tenant.keyWith({ scopes: ['read:citations'] });
    const { body: other } = await call(key, 'POST', '/v1/brands', {
      name: 'Other',
      website: 'https://other.com',
    });
    const outsiders = {
      stranger: (await createTenant()).key,
      live: await tenant.keyWith({ mode: 'live' }),
      restricted: await tenant.keyWith({ allowedBrandId: String(other.id) }),
      unscoped: {
        key: await tenant.keyWith({ scopes: ['read:reports', 'write:brands'] }),
        details: { required_scope: 'read:citations', key_scopes: ['read:reports', 'write:brands'] },
      },
    };
    const own = await tenant.keyWith({ allowedBrandId: brandId });
    for (const url of urls) {
      await expectSecurity(outsiders, 'GET', url);
      assert.equal((await call(readOnly, 'GET', url)).status, 200, url);
      assert.equal((await call(own, 'GET', url)).status, 200, url);
    }
  });
});
