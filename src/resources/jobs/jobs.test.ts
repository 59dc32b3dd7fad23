import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, createTenant, expectError, type TestTenant, testDeps } from '../../../test/harness.ts';
import { addMs } from '../../clock.ts';
import { jobs } from '../../db/schema/index.ts';
import { JOB_READABLE_MS } from './jobs.service.ts';

type NewJob = typeof jobs.$inferInsert;
type Page = { data: Array<{ id: string }>; has_more: boolean; next_cursor: string | null };

/** Writes a job row as the dispatch endpoints and workers would; the read side is what is tested. */
async function insertJob(tenant: TestTenant, overrides: Partial<NewJob> = {}): Promise<string> {
  const deps = await testDeps();
  const now = deps.clock.now();
  const id = deps.newId();
  await deps.database.db.insert(jobs).values({
    id,
    accountId: tenant.accountId,
    mode: 'test',
    type: 'brand_facts.research',
    status: 'pending',
    payload: {},
    runAt: now,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  });
  return id;
}

async function brandOf(tenant: TestTenant, name = 'Acme'): Promise<string> {
  const { body } = await call(tenant.key, 'POST', '/v1/brands', { name, website: 'https://acme.com' });
  return String(body.id);
}

const ids = (page: { body: Page }) => page.body.data.map((job) => job.id);

describe('jobs', () => {
  it('reads a job with every field', async () => {
    const tenant = await createTenant();
    const brandId = await brandOf(tenant);
    const pending = await insertJob(tenant, {
      brandId,
      createdAt: new Date('2099-01-01T00:00:00.000Z'),
      updatedAt: new Date('2099-01-01T00:00:00.000Z'),
    });
    assert.deepEqual((await call(tenant.key, 'GET', `/v1/jobs/${pending}`)).body, {
      id: pending,
      object: 'job',
      type: 'brand_facts.research',
      status: 'pending',
      step: null,
      message: null,
      completed: 0,
      total: 0,
      brand_id: brandId,
      report_id: null,
      scheduled_report_id: null,
      result: null,
      error: null,
      created_at: '2099-01-01T00:00:00.000Z',
      started_at: null,
      finished_at: null,
      updated_at: '2099-01-01T00:00:00.000Z',
    });

    const failed = await insertJob(tenant, {
      type: 'report.run',
      status: 'failed',
      step: 'collecting',
      message: 'Provider down',
      completed: 3,
      total: 8,
      result: { report_ids: [] },
      error: { code: 'provider_error', message: 'Provider down' },
      createdAt: new Date('2099-01-01T00:00:00.000Z'),
      startedAt: new Date('2099-01-01T00:00:01.000Z'),
      finishedAt: new Date('2099-01-01T00:00:02.500Z'),
      updatedAt: new Date('2099-01-01T00:00:02.500Z'),
    });
    const read = await call(tenant.key, 'GET', `/v1/jobs/${failed}`);
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, {
      id: failed,
      object: 'job',
      type: 'report.run',
      status: 'failed',
      step: 'collecting',
      message: 'Provider down',
      completed: 3,
      total: 8,
      brand_id: null,
      report_id: null,
      scheduled_report_id: null,
      result: { report_ids: [] },
      error: { code: 'provider_error', message: 'Provider down' },
      created_at: '2099-01-01T00:00:00.000Z',
      started_at: '2099-01-01T00:00:01.000Z',
      finished_at: '2099-01-01T00:00:02.500Z',
      updated_at: '2099-01-01T00:00:02.500Z',
    });
  });

  it('lists newest first, filtered by status and type, with cursor pagination', async () => {
    const tenant = await createTenant();
    const first = await insertJob(tenant, { status: 'completed' });
    const second = await insertJob(tenant, { type: 'report.run' });
    const third = await insertJob(tenant, { type: 'report.run', status: 'completed' });

    const all = await call<Page>(tenant.key, 'GET', '/v1/jobs');
    assert.equal(all.status, 200);
    assert.deepEqual(ids(all), [third, second, first]);
    assert.deepEqual(ids(await call<Page>(tenant.key, 'GET', '/v1/jobs?status=completed')), [third, first]);
    assert.deepEqual(ids(await call<Page>(tenant.key, 'GET', '/v1/jobs?type=report.run')), [third, second]);
    assert.deepEqual(ids(await call<Page>(tenant.key, 'GET', '/v1/jobs?type=report.run&status=pending')), [
      second,
    ]);

    const page1 = await call<Page>(tenant.key, 'GET', '/v1/jobs?limit=2');
    assert.deepEqual([ids(page1), page1.body.has_more], [[third, second], true]);
    const page2 = await call<Page>(tenant.key, 'GET', `/v1/jobs?limit=2&cursor=${page1.body.next_cursor}`);
    assert.deepEqual(page2.body, {
      object: 'list',
      data: [(await call(tenant.key, 'GET', `/v1/jobs/${first}`)).body],
      has_more: false,
      next_cursor: null,
    });
  });

  it('keeps jobs readable for 7 days only', async () => {
    const tenant = await createTenant();
    const now = (await testDeps()).clock.now();
    const recent = await insertJob(tenant, { createdAt: addMs(now, -JOB_READABLE_MS + 60_000) });
    const expired = await insertJob(tenant, { createdAt: addMs(now, -JOB_READABLE_MS - 60_000) });
    assert.equal((await call(tenant.key, 'GET', `/v1/jobs/${recent}`)).status, 200);
    expectError(await call(tenant.key, 'GET', `/v1/jobs/${expired}`), 404, 'not_found');
    assert.deepEqual(ids(await call<Page>(tenant.key, 'GET', '/v1/jobs')), [recent]);
  });

  it('rejects invalid parameters', async () => {
    const { key } = await createTenant();
    expectError(await call(key, 'GET', '/v1/jobs/not-a-uuid'), 400, 'validation_error');
    expectError(await call(key, 'GET', '/v1/jobs?status=done'), 400, 'validation_error');
    expectError(await call(key, 'GET', '/v1/jobs?type=report'), 400, 'validation_error');
    expectError(await call(key, 'GET', '/v1/jobs?limit=0'), 400, 'validation_error');
    expectError(await call(key, 'GET', '/v1/jobs?cursor=bogus'), 400, 'validation_error');
    expectError(await call(key, 'GET', '/v1/jobs/01a20869-990c-71c3-b4f2-51726b6db4f4'), 404, 'not_found');
  });

  it('enforces keys, scopes, tenancy, modes and brand restrictions', async () => {
    const tenant = await createTenant();
    const brandId = await brandOf(tenant);
    const otherBrandId = await brandOf(tenant, 'Other');
    const own = await insertJob(tenant, { brandId });
    const other = await insertJob(tenant, { brandId: otherBrandId });
    const brandless = await insertJob(tenant, { type: 'scheduled_report.execution' });
    const url = `/v1/jobs/${own}`;

    expectError(await call(null, 'GET', url), 401, 'unauthorized');
    expectError(await call(null, 'GET', '/v1/jobs'), 401, 'unauthorized');
    const brandsOnly = await tenant.keyWith({ scopes: ['read:brands'] });
    for (const path of [url, '/v1/jobs']) {
      assert.deepEqual(expectError(await call(brandsOnly, 'GET', path), 403, 'insufficient_scope'), {
        required_scope: 'read:jobs',
        key_scopes: ['read:brands'],
      });
    }
    assert.equal((await call(await tenant.keyWith({ scopes: ['write:jobs'] }), 'GET', url)).status, 200);

    const stranger = await createTenant();
    expectError(await call(stranger.key, 'GET', url), 404, 'not_found');
    assert.deepEqual(ids(await call<Page>(stranger.key, 'GET', '/v1/jobs')), []);

    const live = await tenant.keyWith({ mode: 'live' });
    expectError(await call(live, 'GET', url), 404, 'not_found');
    const liveJob = await insertJob(tenant, { mode: 'live' });
    assert.deepEqual(ids(await call<Page>(live, 'GET', '/v1/jobs')), [liveJob]);
    expectError(await call(tenant.key, 'GET', `/v1/jobs/${liveJob}`), 404, 'not_found');
    assert.deepEqual(ids(await call<Page>(tenant.key, 'GET', '/v1/jobs')), [brandless, other, own]);

    const restricted = await tenant.keyWith({ allowedBrandId: brandId });
    assert.equal((await call(restricted, 'GET', url)).status, 200);
    expectError(await call(restricted, 'GET', `/v1/jobs/${other}`), 403, 'brand_not_authorized');
    expectError(await call(restricted, 'GET', `/v1/jobs/${brandless}`), 403, 'brand_not_authorized');
    assert.deepEqual(ids(await call<Page>(restricted, 'GET', '/v1/jobs')), [own]);
  });
});
