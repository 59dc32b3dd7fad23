import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { call, expectError } from '../../../test/harness.ts';
import { newId } from '../../clock.ts';
import { regionConfigPrompts, regionConfigs } from '../../db/schema/index.ts';
import {
  createBrand,
  createRegionConfig,
  createSchedule,
  insertReport,
  regionConfigBody,
  setupSchedule,
  stable,
  testDb,
} from '../scheduled-reports/scheduled-reports.fixtures.ts';

type List = { data: Array<{ id: string; name: string }> };
type Prompts = { data: Array<Record<string, unknown>> };

describe('region config creation rules', () => {
  it('answers 404 for a schedule or source report of another brand, or none', async () => {
    const setup = await setupSchedule();
    const otherBrandId = await createBrand(setup.key, 'Other');
    const otherSchedule = await createSchedule(setup.key, otherBrandId);
    const otherReport = await insertReport(otherBrandId, [{ promptText: 'p', category: null }]);
    for (const body of [
      { scheduled_report_id: otherSchedule.body.id },
      { scheduled_report_id: newId() },
      { source_report_id: otherReport },
      { source_report_id: newId() },
      { brand_id: otherBrandId },
      { brand_id: newId() },
    ]) {
      expectError(
        await call(setup.key, 'POST', '/v1/region-configs', regionConfigBody(setup, body)),
        404,
        'not_found',
      );
    }
    const db = await testDb();
    assert.deepEqual(
      await db.select().from(regionConfigs).where(eq(regionConfigs.brandId, setup.brandId)),
      [],
    );
  });

  it('holds at most 20 region configs per schedule', async () => {
    const setup = await setupSchedule();
    for (let index = 0; index < 17; index += 1) await createRegionConfig(setup, { name: `Market ${index}` });
    // Concurrent requests cannot both take the last places: the schedule is locked while counting.
    const racing = await Promise.all(
      Array.from({ length: 5 }, () => call(setup.key, 'POST', '/v1/region-configs', regionConfigBody(setup))),
    );
    assert.deepEqual(racing.map((response) => response.status).sort(), [201, 201, 201, 409, 409]);
    const refused = await call(setup.key, 'POST', '/v1/region-configs', regionConfigBody(setup));
    assert.deepEqual(expectError(refused, 409, 'conflict'), { limit: 20 });
    const whole = await call<List>(
      setup.key,
      'GET',
      `/v1/scheduled-reports/${setup.scheduleId}/region-configs`,
    );
    assert.equal(whole.body.data.length, 20);
    // The cap is per schedule, not per brand.
    const second = await createSchedule(setup.key, setup.brandId);
    await createRegionConfig({ ...setup, scheduleId: String(second.body.id) });
  });

  it("seeds its prompts from a source report's prompts, up to 50", async () => {
    const setup = await setupSchedule();
    const sourceId = await insertReport(setup.brandId, [
      { promptText: 'best crm for startups?', category: 'crm' },
      { promptText: 'is acme reliable?', category: null },
    ]);
    const created = await call(
      setup.key,
      'POST',
      '/v1/region-configs',
      regionConfigBody(setup, { source_report_id: sourceId }),
    );
    assert.equal(created.status, 201);
    assert.deepEqual([created.body.source_report_id, created.body.prompts_count], [sourceId, 2]);
    const prompts = await call<Prompts>(setup.key, 'GET', `/v1/region-configs/${created.body.id}/prompts`);
    assert.deepEqual(
      prompts.body.data.map((prompt) => stable(prompt)),
      [
        {
          object: 'region_config_prompt',
          region_config_id: created.body.id,
          prompt_text: 'best crm for startups?',
          category: 'crm',
          disabled: false,
        },
        {
          object: 'region_config_prompt',
          region_config_id: created.body.id,
          prompt_text: 'is acme reliable?',
          category: null,
          disabled: false,
        },
      ],
    );

    const big = await insertReport(
      setup.brandId,
      Array.from({ length: 52 }, (_, index) => ({ promptText: `prompt ${index}`, category: null })),
    );
    const capped = await call(
      setup.key,
      'POST',
      '/v1/region-configs',
      regionConfigBody(setup, { source_report_id: big }),
    );
    assert.equal(capped.body.prompts_count, 50);
    const rows = await (await testDb())
      .select()
      .from(regionConfigPrompts)
      .where(eq(regionConfigPrompts.regionConfigId, String(capped.body.id)));
    assert.deepEqual(
      rows.map((row) => row.promptText).sort(),
      Array.from({ length: 50 }, (_, index) => `prompt ${index}`).sort(),
    );
  });
});
