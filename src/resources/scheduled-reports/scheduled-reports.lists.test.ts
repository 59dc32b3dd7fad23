import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, createTenant, expectError } from '../../../test/harness.ts';
import { newId } from '../../clock.ts';
import {
  createBrand,
  createRegionConfig,
  createSchedule,
  setupSchedule,
} from './scheduled-reports.fixtures.ts';

type List = {
  data: Array<{ id: string; name: string; prompts_count?: number }>;
  has_more: boolean;
  next_cursor: string | null;
};

describe('scheduled report lists', () => {
  it('lists a brand newest first with cursors and the is_active, frequency and search filters', async () => {
    const { key } = await createTenant();
    const brandId = await createBrand(key);
    const otherBrandId = await createBrand(key, 'Other');
    await createSchedule(key, otherBrandId, { name: 'Elsewhere' });
    for (const [name, frequency] of [
      ['Daily US', 'daily'],
      ['Weekly EU', 'weekly'],
      ['Monthly 100%', 'monthly'],
      ['weekly_apac', 'weekly'],
    ]) {
      await createSchedule(key, brandId, { name, frequency });
    }
    const url = `/v1/scheduled-reports?brand_id=${brandId}`;
    const names = async (query: string) =>
      (await call<List>(key, 'GET', `${url}${query}`)).body.data.map((item) => item.name);

    const first = await call<List>(key, 'GET', `${url}&limit=3`);
    assert.deepEqual(
      first.body.data.map((item) => item.name),
      ['weekly_apac', 'Monthly 100%', 'Weekly EU'],
    );
    assert.equal(first.body.has_more, true);
    const second = await call<List>(key, 'GET', `${url}&limit=3&cursor=${first.body.next_cursor}`);
    assert.deepEqual(
      second.body.data.map((item) => item.name),
      ['Daily US'],
    );
    assert.deepEqual(
      { ...second.body, data: [] },
      { object: 'list', data: [], has_more: false, next_cursor: null },
    );

    assert.deepEqual(await names('&frequency=weekly'), ['weekly_apac', 'Weekly EU']);
    assert.deepEqual(await names('&search=WEEKLY'), ['weekly_apac', 'Weekly EU']);
    assert.deepEqual(await names('&search=_'), ['weekly_apac']);
    assert.deepEqual(await names('&search=%25'), ['Monthly 100%']);
    const daily = (await call<List>(key, 'GET', `${url}&frequency=daily`)).body.data[0];
    await call(key, 'PATCH', `/v1/scheduled-reports/${daily?.id}`, { is_active: false });
    assert.deepEqual(await names('&is_active=false'), ['Daily US']);
    assert.deepEqual(await names('&is_active=true&frequency=weekly&search=eu'), ['Weekly EU']);

    expectError(await call(key, 'GET', '/v1/scheduled-reports'), 400, 'validation_error');
    expectError(await call(key, 'GET', `${url}&frequency=hourly`), 400, 'validation_error');
    expectError(await call(key, 'GET', `${url}&is_active=yes`), 400, 'validation_error');
    expectError(await call(key, 'GET', `${url}&limit=0`), 400, 'validation_error');
    expectError(await call(key, 'GET', `${url}&cursor=bogus`), 400, 'validation_error');
    expectError(await call(key, 'GET', `/v1/scheduled-reports?brand_id=${newId()}`), 404, 'not_found');
  });

  it("lists the schedule's own region configs whole, oldest first", async () => {
    const setup = await setupSchedule();
    const other = await createSchedule(setup.key, setup.brandId, { name: 'Other' });
    const spain = await createRegionConfig(setup, { name: 'Spain' });
    const france = await createRegionConfig(setup, { name: 'France', language: 'fr', country: 'FR' });
    await createRegionConfig({ ...setup, scheduleId: String(other.body.id) }, { name: 'Elsewhere' });
    await call(setup.key, 'POST', `/v1/region-configs/${france}/prompts`, {
      prompts: [{ prompt_text: 'one' }, { prompt_text: 'two' }],
    });
    const listed = await call<List>(
      setup.key,
      'GET',
      `/v1/scheduled-reports/${setup.scheduleId}/region-configs`,
    );
    assert.equal(listed.status, 200);
    assert.deepEqual(Object.keys(listed.body), ['object', 'data']);
    assert.deepEqual(
      listed.body.data.map((item) => [item.id, item.name]),
      [
        [spain, 'Spain'],
        [france, 'France'],
      ],
    );
    assert.deepEqual(
      listed.body.data[1],
      (await call(setup.key, 'GET', `/v1/region-configs/${france}`)).body,
    );
    assert.deepEqual(
      listed.body.data.map((item) => item.prompts_count),
      [0, 2],
    );
    const others = await call<List>(
      setup.key,
      'GET',
      `/v1/scheduled-reports/${other.body.id}/region-configs`,
    );
    assert.deepEqual(
      others.body.data.map((item) => item.name),
      ['Elsewhere'],
    );
  });
});
