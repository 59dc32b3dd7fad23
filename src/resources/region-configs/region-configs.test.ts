import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { call, expectError } from '../../../test/harness.ts';
import { newId } from '../../clock.ts';
import { regionConfigPrompts, reports } from '../../db/schema/index.ts';
import {
  assertSecured,
  createBrand,
  createRegionConfig,
  createSchedule,
  ISO,
  insertReport,
  regionConfigBody,
  setupSchedule,
  stable,
  testDb,
  UUID,
} from '../scheduled-reports/scheduled-reports.fixtures.ts';

type List = { data: Array<{ id: string; name: string }>; has_more: boolean; next_cursor: string | null };

describe('region configs', () => {
  it('creates a region config with defaults and reads it back', async () => {
    const setup = await setupSchedule();
    const created = await call(setup.key, 'POST', '/v1/region-configs', regionConfigBody(setup));
    assert.equal(created.status, 201);
    assert.match(String(created.body.id), UUID);
    assert.match(String(created.body.created_at), ISO);
    assert.deepEqual(stable(created.body), {
      object: 'region_config',
      brand_id: setup.brandId,
      scheduled_report_id: setup.scheduleId,
      name: 'Spain',
      country: 'ES',
      language: 'English',
      location: null,
      ai_platforms: ['chatgpt', 'perplexity'],
      samples: 1,
      is_active: true,
      prompts_count: 0,
      source_report_id: null,
      last_run_at: null,
      last_run_status: null,
      last_error_message: null,
    });
    const read = await call(setup.key, 'GET', `/v1/region-configs/${created.body.id}`);
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, created.body);
  });

  it('stores languages as English names and takes every optional field', async () => {
    const setup = await setupSchedule();
    const created = await call(
      setup.key,
      'POST',
      '/v1/region-configs',
      regionConfigBody(setup, {
        name: ' Québec ',
        country: 'Canada',
        language: 'fr',
        location: 'Montreal',
        ai_platforms: ['gemini', 'claude_search', 'ai_overviews'],
        samples: 5,
        is_active: false,
      }),
    );
    assert.equal(created.status, 201);
    assert.deepEqual(stable(created.body, 'brand_id', 'scheduled_report_id'), {
      object: 'region_config',
      name: 'Québec',
      country: 'Canada',
      language: 'French',
      location: 'Montreal',
      ai_platforms: ['gemini', 'claude_search', 'ai_overviews'],
      samples: 5,
      is_active: false,
      prompts_count: 0,
      source_report_id: null,
      last_run_at: null,
      last_run_status: null,
      last_error_message: null,
    });
  });

  it('rejects invalid bodies and parameters with the catalog codes', async () => {
    const setup = await setupSchedule();
    for (const [field, value] of [
      ['name', ''],
      ['name', 'x'.repeat(201)],
      ['country', ''],
      ['country', 'x'.repeat(101)],
      ['language', 'Klingonese'],
      ['language', 'x'.repeat(51)],
      ['ai_platforms', []],
      ['ai_platforms', ['chatgpt', 'chatgpt']],
      ['ai_platforms', ['bard']],
      ['samples', 0],
      ['samples', 6],
      ['samples', 1.5],
      ['is_active', 'yes'],
      ['source_report_id', 'nope'],
      ['scheduled_report_id', undefined],
      ['extra', 1],
    ] as const) {
      const details = expectError(
        await call(setup.key, 'POST', '/v1/region-configs', regionConfigBody(setup, { [field]: value })),
        422,
        'body_validation_error',
      );
      const errors = details.errors as Array<{ loc: unknown[] }>;
      // An unknown field is reported on the body itself.
      const loc = field === 'extra' ? ['body'] : ['body', field];
      assert.deepEqual(errors[0]?.loc.slice(0, 2), loc, JSON.stringify(errors));
    }
    const id = await createRegionConfig(setup);
    for (const bad of [
      { samples: 9 },
      { ai_platforms: [] },
      { scheduled_report_id: setup.scheduleId },
      { name: '' },
    ]) {
      expectError(
        await call(setup.key, 'PATCH', `/v1/region-configs/${id}`, bad),
        422,
        'body_validation_error',
      );
    }
    expectError(await call(setup.key, 'GET', '/v1/region-configs/not-a-uuid'), 400, 'validation_error');
    expectError(await call(setup.key, 'GET', `/v1/region-configs/${newId()}`), 404, 'not_found');
    expectError(
      await call(setup.key, 'PATCH', `/v1/region-configs/${newId()}`, { name: 'x' }),
      404,
      'not_found',
    );
    expectError(await call(setup.key, 'DELETE', `/v1/region-configs/${newId()}`), 404, 'not_found');
  });

  it('updates only the fields sent; location null clears', async () => {
    const setup = await setupSchedule();
    const created = await call(
      setup.key,
      'POST',
      '/v1/region-configs',
      regionConfigBody(setup, { location: 'Madrid' }),
    );
    const url = `/v1/region-configs/${created.body.id}`;
    const updated = await call(setup.key, 'PATCH', url, {
      name: 'Spain (ES)',
      language: 'es',
      location: null,
      ai_platforms: ['grok'],
      samples: 3,
      is_active: false,
    });
    assert.equal(updated.status, 200);
    assert.deepEqual(updated.body, {
      ...created.body,
      name: 'Spain (ES)',
      language: 'Spanish',
      location: null,
      ai_platforms: ['grok'],
      samples: 3,
      is_active: false,
    });
    const countryOnly = await call(setup.key, 'PATCH', url, { country: 'Spain' });
    assert.deepEqual(countryOnly.body, { ...updated.body, country: 'Spain' });
    assert.deepEqual((await call(setup.key, 'GET', url)).body, countryOnly.body);
  });

  it('lists a brand newest first with cursors and the is_active and search filters', async () => {
    const setup = await setupSchedule();
    const otherBrandId = await createBrand(setup.key, 'Other');
    const otherSchedule = await createSchedule(setup.key, otherBrandId);
    await createRegionConfig({ ...setup, brandId: otherBrandId, scheduleId: String(otherSchedule.body.id) });
    for (const name of ['Spain', 'France', 'spain_islands']) await createRegionConfig(setup, { name });
    await createRegionConfig(setup, { name: 'Paused Spain', is_active: false });
    const url = `/v1/region-configs?brand_id=${setup.brandId}`;
    const names = async (query: string) =>
      (await call<List>(setup.key, 'GET', `${url}${query}`)).body.data.map((item) => item.name);

    const first = await call<List>(setup.key, 'GET', `${url}&limit=2`);
    assert.deepEqual(
      first.body.data.map((item) => item.name),
      ['Paused Spain', 'spain_islands'],
    );
    assert.equal(first.body.has_more, true);
    const second = await call<List>(setup.key, 'GET', `${url}&limit=2&cursor=${first.body.next_cursor}`);
    assert.deepEqual(
      second.body.data.map((item) => item.name),
      ['France', 'Spain'],
    );
    assert.deepEqual([second.body.has_more, second.body.next_cursor], [false, null]);
    assert.deepEqual(await names('&search=SPAIN'), ['Paused Spain', 'spain_islands', 'Spain']);
    assert.deepEqual(await names('&search=_'), ['spain_islands']);
    assert.deepEqual(await names('&is_active=false'), ['Paused Spain']);
    assert.deepEqual(await names('&is_active=true&search=spain'), ['spain_islands', 'Spain']);

    expectError(await call(setup.key, 'GET', '/v1/region-configs'), 400, 'validation_error');
    expectError(await call(setup.key, 'GET', `${url}&is_active=1`), 400, 'validation_error');
    expectError(await call(setup.key, 'GET', `${url}&limit=101`), 400, 'validation_error');
    expectError(await call(setup.key, 'GET', `/v1/region-configs?brand_id=${newId()}`), 404, 'not_found');
  });

  it('deletes a region config with its prompts, keeping its reports', async () => {
    const setup = await setupSchedule();
    const id = await createRegionConfig(setup);
    await call(setup.key, 'POST', `/v1/region-configs/${id}/prompts`, { prompts: [{ prompt_text: 'q' }] });
    const reportId = await insertReport(setup.brandId, []);
    const db = await testDb();
    await db.update(reports).set({ regionConfigId: id }).where(eq(reports.id, reportId));
    const deleted = await call(setup.key, 'DELETE', `/v1/region-configs/${id}`);
    assert.equal(deleted.status, 204);
    expectError(await call(setup.key, 'GET', `/v1/region-configs/${id}`), 404, 'not_found');
    assert.deepEqual(
      await db.select().from(regionConfigPrompts).where(eq(regionConfigPrompts.regionConfigId, id)),
      [],
    );
    const [report] = await db.select().from(reports).where(eq(reports.id, reportId));
    assert.equal(report?.regionConfigId, null);
    assert.equal((await call(setup.key, 'GET', `/v1/scheduled-reports/${setup.scheduleId}`)).status, 200);
  });

  it('enforces keys, scopes, tenancy, modes and brand restrictions on every endpoint', async () => {
    const setup = await setupSchedule();
    const otherBrandId = await createBrand(setup.key, 'Other');
    const id = await createRegionConfig(setup);
    const url = `/v1/region-configs/${id}`;
    await assertSecured(setup.tenant, otherBrandId, [
      {
        method: 'GET',
        url: `/v1/region-configs?brand_id=${setup.brandId}`,
        scope: 'read:region-configs',
        status: 200,
      },
      {
        method: 'POST',
        url: '/v1/region-configs',
        body: regionConfigBody(setup),
        scope: 'write:region-configs',
        status: 201,
      },
      { method: 'GET', url, scope: 'read:region-configs', status: 200 },
      { method: 'PATCH', url, body: { samples: 2 }, scope: 'write:region-configs', status: 200 },
      { method: 'DELETE', url, scope: 'write:region-configs', status: 204 },
    ]);
    // Creating one needs no scheduled-reports scope, and a restricted key works inside its brand.
    const restricted = await setup.tenant.keyWith({
      allowedBrandId: setup.brandId,
      scopes: ['write:region-configs'],
    });
    const own = await call(restricted, 'POST', '/v1/region-configs', regionConfigBody(setup));
    assert.equal(own.status, 201);
  });
});
