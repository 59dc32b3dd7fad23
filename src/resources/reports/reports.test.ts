import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { call, createTenant, expectError } from '../../../test/harness.ts';
import { reports } from '../../db/schema/index.ts';
import {
  acme,
  draftDefaults,
  fieldLoc,
  insertRegionConfig,
  setReport,
  setupReport,
  stable,
  testDb,
} from './reports.fixtures.ts';

type Body = Record<string, unknown>;

describe('reports: create', () => {
  it('creates a draft with the brand defaults', async () => {
    const { key, brandId, reportId } = await setupReport();
    const read = await call(key, 'GET', `/v1/reports/${reportId}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.brand_id, brandId);
    assert.deepEqual(stable(read.body), { ...draftDefaults, prompts: [], metrics: null });
    const [row] = await (await testDb()).select().from(reports).where(eq(reports.id, reportId));
    assert.equal(row?.status, 'draft');
    assert.equal(row?.brandId, brandId);
  });

  it('stores every field sent; explicit null country and a brand without market fall back', async () => {
    const tenant = await createTenant();
    const brand = await call(tenant.key, 'POST', '/v1/brands', { name: 'Bare', website: 'https://bare.io' });
    const { configId } = await insertRegionConfig(String(brand.body.id));
    const created = await call(tenant.key, 'POST', '/v1/reports', {
      brand_id: brand.body.id,
      name: '  Q1 market ',
      ai_platforms: ['gemini', 'grok'],
      language: 'fr',
      location: 'Paris',
      samples: 3,
      region_config_id: configId,
    });
    assert.equal(created.status, 201);
    assert.deepEqual(stable(created.body), {
      ...draftDefaults,
      name: 'Q1 market',
      ai_platforms: ['gemini', 'grok'],
      country: null,
      language: 'French',
      location: 'Paris',
      samples: 3,
      region_config_id: configId,
    });
    const defaults = await call(tenant.key, 'POST', '/v1/reports', { brand_id: brand.body.id });
    assert.deepEqual(stable(defaults.body), {
      ...draftDefaults,
      name: 'Bare Report',
      country: null,
      language: 'English',
    });
    const withBrand = await call(tenant.key, 'POST', '/v1/brands', acme);
    const noCountry = await call(tenant.key, 'POST', '/v1/reports', {
      brand_id: withBrand.body.id,
      country: null,
    });
    assert.equal(noCountry.body.country, null);
  });

  it('rejects invalid bodies', async () => {
    const { key, brandId } = await setupReport();
    const post = (body: Body) => call(key, 'POST', '/v1/reports', body);
    assert.deepEqual(fieldLoc(await post({}), 422, 'body_validation_error'), ['body', 'brand_id']);
    assert.deepEqual(fieldLoc(await post({ brand_id: 'nope' }), 422, 'body_validation_error'), [
      'body',
      'brand_id',
    ]);
    const bad: Body[] = [
      { ai_platforms: [] },
      { ai_platforms: ['chatgpt', 'chatgpt'] },
      { name: '' },
      { name: 'x'.repeat(201) },
      { samples: 0 },
      { samples: 6 },
      { samples: 1.5 },
      { language: 'Klingonese' },
      { country: 'x'.repeat(101) },
      { region_config_id: 'nope' },
      { scheduled_report_id: brandId },
      { status: 'completed' },
    ];
    for (const fields of bad) {
      expectError(await post({ brand_id: brandId, ...fields }), 422, 'body_validation_error');
    }
    assert.deepEqual(
      fieldLoc(await post({ brand_id: brandId, ai_platforms: ['bing'] }), 422, 'body_validation_error'),
      ['body', 'ai_platforms', 0],
    );
  });

  it('answers 404 for an unknown brand or a region config of another brand', async () => {
    const { key, tenant } = await setupReport();
    const other = await call(tenant.key, 'POST', '/v1/brands', { ...acme, name: 'Other' });
    const { configId } = await insertRegionConfig(String(other.body.id));
    const mine = await call(key, 'POST', '/v1/brands', { ...acme, name: 'Mine' });
    expectError(
      await call(key, 'POST', '/v1/reports', { brand_id: mine.body.id, region_config_id: configId }),
      404,
      'not_found',
    );
    expectError(await call(key, 'POST', '/v1/reports', { brand_id: configId }), 404, 'not_found');
  });
});

describe('reports: list', () => {
  it('lists newest first with a cursor and combines the filters', async () => {
    const { key, brandId, reportId: first } = await setupReport({ name: 'Alpha' });
    const other = await call(key, 'POST', '/v1/brands', { ...acme, name: 'Other' });
    await call(key, 'POST', '/v1/reports', { brand_id: other.body.id });
    const ids = [first];
    for (const name of ['Beta', 'alphabet']) {
      ids.push(String((await call(key, 'POST', '/v1/reports', { brand_id: brandId, name })).body.id));
    }
    const list = (query: string) =>
      call<{ data: Array<{ id: string; name: string }>; has_more: boolean; next_cursor: string | null }>(
        key,
        'GET',
        `/v1/reports?brand_id=${brandId}${query}`,
      );
    const page = await list('&limit=2');
    assert.deepEqual(
      page.body.data.map((report) => report.name),
      ['alphabet', 'Beta'],
    );
    assert.equal(page.body.has_more, true);
    const rest = await list(`&limit=2&cursor=${page.body.next_cursor}`);
    assert.deepEqual(
      rest.body.data.map((report) => report.id),
      [first],
    );
    assert.equal(rest.body.has_more, false);
    assert.equal(rest.body.next_cursor, null);
    assert.deepEqual(stable(rest.body.data[0] as unknown as Body), { ...draftDefaults, name: 'Alpha' });

    const { scheduleId } = await insertRegionConfig(brandId);
    const batchId = ids[1] ?? '';
    await setReport(first, { status: 'completed', scheduledReportId: scheduleId, batchId });
    await setReport(batchId, { batchId });
    const names = async (query: string) => (await list(query)).body.data.map((report) => report.name);
    assert.deepEqual(await names('&search=ALPHA'), ['alphabet', 'Alpha']);
    assert.deepEqual(await names('&status=completed'), ['Alpha']);
    assert.deepEqual(await names('&status=draft&search=alpha'), ['alphabet']);
    assert.deepEqual(await names(`&scheduled_report_id=${scheduleId}`), ['Alpha']);
    assert.deepEqual(await names(`&batch_id=${batchId}`), ['Beta', 'Alpha']);
    assert.deepEqual(await names('&search=%25'), []);
  });

  it('requires brand_id and valid parameters', async () => {
    const { key, brandId } = await setupReport();
    assert.deepEqual(fieldLoc(await call(key, 'GET', '/v1/reports'), 400, 'validation_error'), [
      'query',
      'brand_id',
    ]);
    for (const query of ['status=done', 'limit=0', 'limit=101', 'cursor=bogus', 'batch_id=x']) {
      expectError(
        await call(key, 'GET', `/v1/reports?brand_id=${brandId}&${query}`),
        400,
        'validation_error',
      );
    }
    expectError(await call(key, 'GET', `/v1/reports?brand_id=${crypto.randomUUID()}`), 404, 'not_found');
  });
});
