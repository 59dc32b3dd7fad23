import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { call, createTenant, expectError } from '../../../test/harness.ts';
import { newId } from '../../clock.ts';
import {
  jobs,
  regionConfigPrompts,
  regionConfigs,
  reports,
  scheduledReports,
} from '../../db/schema/index.ts';
import { FREQUENCIES, firstRunAt, nextRunAfter } from '../../work/cadence.ts';
import {
  assertSecured,
  createBrand,
  createRegionConfig,
  createSchedule,
  ISO,
  insertReport,
  setupSchedule,
  stable,
  testDb,
  UUID,
} from './scheduled-reports.fixtures.ts';

describe('scheduled reports', () => {
  for (const frequency of FREQUENCIES) {
    it(`creates a ${frequency} schedule whose first run is the next ${frequency} boundary`, async () => {
      const { key } = await createTenant();
      const brandId = await createBrand(key);
      const created = await createSchedule(key, brandId, { name: '  Nightly  ', frequency });
      assert.match(String(created.body.id), UUID);
      assert.match(String(created.body.created_at), ISO);
      const expectedRun = firstRunAt(frequency, new Date(String(created.body.created_at)));
      assert.deepEqual(stable(created.body), {
        object: 'scheduled_report',
        brand_id: brandId,
        name: 'Nightly',
        frequency,
        is_active: true,
        next_run_at: expectedRun.toISOString(),
        last_run_at: null,
        last_run_status: null,
        last_error_message: null,
      });
      const read = await call(key, 'GET', `/v1/scheduled-reports/${created.body.id}`);
      assert.equal(read.status, 200);
      assert.deepEqual(read.body, created.body);
      const [row] = await (await testDb())
        .select()
        .from(scheduledReports)
        .where(eq(scheduledReports.id, String(created.body.id)));
      assert.equal(row?.nextRunAt.getTime(), expectedRun.getTime());
    });
  }

  it('rejects invalid bodies, parameters and brands with the catalog codes', async () => {
    const { key, brandId, scheduleId } = await setupSchedule();
    const body = { brand_id: brandId, name: 'S', frequency: 'daily' };
    const url = '/v1/scheduled-reports';
    for (const bad of [
      { ...body, name: '' },
      { ...body, name: 'x'.repeat(201) },
      { ...body, frequency: 'hourly' },
      { ...body, extra: true },
      { name: 'S', frequency: 'daily' },
      { ...body, brand_id: 'nope' },
    ]) {
      expectError(await call(key, 'POST', url, bad), 422, 'body_validation_error');
    }
    const details = expectError(
      await call(key, 'POST', url, { ...body, frequency: 'hourly' }),
      422,
      'body_validation_error',
    );
    assert.deepEqual((details.errors as Array<{ loc: unknown[] }>)[0]?.loc, ['body', 'frequency']);
    expectError(await call(key, 'POST', url, { ...body, brand_id: newId() }), 404, 'not_found');
    const one = `${url}/${scheduleId}`;
    for (const bad of [
      { next_run_at: 'tomorrow' },
      { next_run_at: null },
      { is_active: 'yes' },
      { name: '' },
      { x: 1 },
    ]) {
      expectError(await call(key, 'PATCH', one, bad), 422, 'body_validation_error');
    }
    expectError(await call(key, 'GET', `${url}/not-a-uuid`), 400, 'validation_error');
    expectError(await call(key, 'GET', `${url}/${newId()}`), 404, 'not_found');
    expectError(await call(key, 'PATCH', `${url}/${newId()}`, { name: 'x' }), 404, 'not_found');
    expectError(await call(key, 'DELETE', `${url}/${newId()}`), 404, 'not_found');
    expectError(await call(key, 'GET', `${url}/${newId()}/region-configs`), 404, 'not_found');
  });

  it('updates fields; a frequency change keeps next_run_at; next_run_at takes an ISO timestamp', async () => {
    const { key, scheduleId } = await setupSchedule();
    const url = `/v1/scheduled-reports/${scheduleId}`;
    const before = (await call(key, 'GET', url)).body;
    const renamed = await call(key, 'PATCH', url, { name: 'Monthly EU', frequency: 'monthly' });
    assert.equal(renamed.status, 200);
    assert.deepEqual(renamed.body, { ...before, name: 'Monthly EU', frequency: 'monthly' });

    const moved = await call(key, 'PATCH', url, { next_run_at: '2031-03-31T08:15:00+02:00' });
    assert.deepEqual(moved.body, { ...renamed.body, next_run_at: '2031-03-31T06:15:00.000Z' });
    expectError(await call(key, 'PATCH', url, { next_run_at: '2031-03-31' }), 422, 'body_validation_error');
    assert.deepEqual((await call(key, 'GET', url)).body, moved.body);
  });

  it('pauses keeping history, and resumes at the next slot when the paused one has passed', async () => {
    const { key, scheduleId } = await setupSchedule();
    const url = `/v1/scheduled-reports/${scheduleId}`;
    const history = {
      lastRunAt: new Date('2024-01-01T00:00:00Z'),
      lastRunStatus: 'failed' as const,
      lastErrorMessage: 'boom',
    };
    await (await testDb()).update(scheduledReports).set(history).where(eq(scheduledReports.id, scheduleId));

    const paused = await call(key, 'PATCH', url, {
      is_active: false,
      next_run_at: '2024-01-03T09:30:00.000Z',
    });
    assert.deepEqual(stable(paused.body, 'brand_id'), {
      object: 'scheduled_report',
      name: 'Weekly EU',
      frequency: 'weekly',
      is_active: false,
      next_run_at: '2024-01-03T09:30:00.000Z',
      last_run_at: '2024-01-01T00:00:00.000Z',
      last_run_status: 'failed',
      last_error_message: 'boom',
    });

    const before = new Date();
    const resumed = await call(key, 'PATCH', url, { is_active: true });
    const after = new Date();
    const slots = [before, after].map((now) =>
      nextRunAfter('weekly', new Date('2024-01-03T09:30:00.000Z'), now).toISOString(),
    );
    assert.ok(slots.includes(String(resumed.body.next_run_at)), String(resumed.body.next_run_at));
    assert.equal(new Date(String(resumed.body.next_run_at)).getUTCDay(), 3);
    assert.deepEqual(resumed.body, {
      ...paused.body,
      is_active: true,
      next_run_at: resumed.body.next_run_at,
    });

    // An explicit next_run_at wins, and a future slot is left alone on resume.
    await call(key, 'PATCH', url, { is_active: false });
    const explicit = await call(key, 'PATCH', url, {
      is_active: true,
      next_run_at: '2020-01-01T00:00:00.000Z',
    });
    assert.equal(explicit.body.next_run_at, '2020-01-01T00:00:00.000Z');
    await call(key, 'PATCH', url, { is_active: false, next_run_at: '2099-01-01T00:00:00.000Z' });
    const future = await call(key, 'PATCH', url, { is_active: true });
    assert.equal(future.body.next_run_at, '2099-01-01T00:00:00.000Z');
  });

  it('deletes a schedule with its region configs and prompts, keeping its reports', async () => {
    const setup = await setupSchedule();
    const db = await testDb();
    const configId = await createRegionConfig(setup);
    await call(setup.key, 'POST', `/v1/region-configs/${configId}/prompts`, {
      prompts: [{ prompt_text: 'best crm?' }],
    });
    const reportId = await insertReport(setup.brandId, []);
    await db
      .update(reports)
      .set({ scheduledReportId: setup.scheduleId, regionConfigId: configId })
      .where(eq(reports.id, reportId));
    const now = new Date();
    const jobIds = [newId(), newId()];
    await db.insert(jobs).values(
      (['pending', 'processing'] as const).map((status, index) => ({
        id: jobIds[index] ?? '',
        accountId: setup.tenant.accountId,
        mode: 'test' as const,
        type: 'scheduled_report.execution' as const,
        status,
        brandId: setup.brandId,
        scheduledReportId: setup.scheduleId,
        payload: {},
        runAt: now,
        createdAt: now,
        updatedAt: now,
      })),
    );

    const deleted = await call(setup.key, 'DELETE', `/v1/scheduled-reports/${setup.scheduleId}`);
    assert.equal(deleted.status, 204);
    assert.equal(deleted.body, null);
    expectError(await call(setup.key, 'GET', `/v1/scheduled-reports/${setup.scheduleId}`), 404, 'not_found');
    expectError(await call(setup.key, 'GET', `/v1/region-configs/${configId}`), 404, 'not_found');
    assert.deepEqual(
      await db.select().from(regionConfigs).where(eq(regionConfigs.scheduledReportId, setup.scheduleId)),
      [],
    );
    assert.deepEqual(
      await db.select().from(regionConfigPrompts).where(eq(regionConfigPrompts.regionConfigId, configId)),
      [],
    );
    const [report] = await db.select().from(reports).where(eq(reports.id, reportId));
    assert.deepEqual([report?.scheduledReportId, report?.regionConfigId], [null, null]);
    const jobRows = await db.select().from(jobs).where(eq(jobs.brandId, setup.brandId));
    assert.deepEqual(
      jobRows.map((job) => [job.id, job.status, job.scheduledReportId]).sort(),
      [
        [jobIds[0], 'cancelled', null],
        [jobIds[1], 'processing', null],
      ].sort(),
    );
  });

  it('enforces keys, scopes, tenancy, modes and brand restrictions on every endpoint', async () => {
    const setup = await setupSchedule();
    const otherBrandId = await createBrand(setup.key, 'Other');
    const url = `/v1/scheduled-reports/${setup.scheduleId}`;
    await assertSecured(setup.tenant, otherBrandId, [
      {
        method: 'GET',
        url: `/v1/scheduled-reports?brand_id=${setup.brandId}`,
        scope: 'read:scheduled',
        status: 200,
      },
      {
        method: 'POST',
        url: '/v1/scheduled-reports',
        body: { brand_id: setup.brandId, name: 'S', frequency: 'daily' },
        scope: 'write:scheduled',
        status: 201,
      },
      { method: 'GET', url, scope: 'read:scheduled', status: 200 },
      { method: 'PATCH', url, body: { name: 'Renamed' }, scope: 'write:scheduled', status: 200 },
      { method: 'GET', url: `${url}/region-configs`, scope: 'read:region-configs', status: 200 },
      { method: 'DELETE', url, scope: 'write:scheduled', status: 204 },
    ]);
    const restricted = await setup.tenant.keyWith({ allowedBrandId: setup.brandId });
    const own = await createSchedule(restricted, setup.brandId);
    assert.equal((await call(restricted, 'GET', `/v1/scheduled-reports/${own.body.id}`)).status, 200);
    const readOnly = await setup.tenant.keyWith({ scopes: ['write:region-configs'] });
    expectError(
      await call(readOnly, 'GET', `/v1/scheduled-reports/${own.body.id}`),
      403,
      'insufficient_scope',
    );
  });
});
