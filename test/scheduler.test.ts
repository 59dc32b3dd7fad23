import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { grantCredits } from '../src/accounts/accounts.service.ts';
import { buildApp } from '../src/app.ts';
import { type Clock, newId } from '../src/clock.ts';
import { jobs, reports, scheduledReports } from '../src/db/schema/index.ts';
import type { Deps } from '../src/deps.ts';
import { createScheduler, type Scheduler } from '../src/work/scheduler.ts';
import { createTenant, injectJson, type Method, testDeps } from './harness.ts';

/**
 * Simulated time runs in 2001–2006, before any `next_run_at` other test files set, so on a shared
 * PostgreSQL database these schedulers only ever find this file's schedules due.
 */
const HOUR = 60 * 60 * 1000;
let current = new Date('2001-01-01T00:00:00.000Z');
const clock: Clock = { now: () => new Date(current.getTime()) };
const setClock = (at: string) => {
  current = new Date(at);
};

let deps: Deps;
let app: FastifyInstance;
let schedulers: Scheduler[];
const created: string[] = [];

async function api(key: string, method: Method, url: string, body?: unknown) {
  const response = await injectJson(app, key, method, url, body);
  assert.ok(response.status < 300, `${method} ${url}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function brandWithFacts(key: string): Promise<string> {
  const brand = await api(key, 'POST', '/v1/brands', { name: 'Acme', website: 'https://acme.com' });
  const brandId = String(brand.id);
  await api(key, 'PATCH', `/v1/brands/${brandId}/facts`, { description: 'Acme makes anvils.' });
  return brandId;
}

/** A schedule at `nextRunAt` with one active market (two prompts, one disabled) and one paused market. */
async function createSchedule(
  key: string,
  brandId: string,
  frequency: 'daily' | 'weekly' | 'monthly',
  nextRunAt: string,
): Promise<string> {
  const schedule = await api(key, 'POST', '/v1/scheduled-reports', {
    brand_id: brandId,
    name: frequency,
    frequency,
  });
  const id = String(schedule.id);
  created.push(id);
  await api(key, 'PATCH', `/v1/scheduled-reports/${id}`, { next_run_at: nextRunAt });
  for (const isActive of [true, false]) {
    const config = await api(key, 'POST', '/v1/region-configs', {
      brand_id: brandId,
      scheduled_report_id: id,
      name: isActive ? 'Spain' : 'France',
      country: isActive ? 'ES' : 'FR',
      ai_platforms: ['chatgpt'],
      is_active: isActive,
    });
    const prompts = await api(key, 'POST', `/v1/region-configs/${String(config.id)}/prompts`, {
      prompts: [{ prompt_text: 'best anvils' }, { prompt_text: 'anvil repair' }],
    });
    const [, second] = prompts.data as Array<{ id: string }>;
    assert.ok(second);
    await api(key, 'PATCH', `/v1/region-configs/${String(config.id)}/prompts/${second.id}`, {
      disabled: true,
    });
  }
  return id;
}

/** Both schedulers tick together at every simulated hour from `from` to `to`, inclusive. */
async function tickHourly(from: string, to: string): Promise<void> {
  for (let at = Date.parse(from); at <= Date.parse(to); at += HOUR) {
    current = new Date(at);
    await Promise.all(schedulers.map((scheduler) => scheduler.tick()));
  }
}

async function executions(scheduleId: string) {
  return deps.database.db
    .select({ createdAt: jobs.createdAt, payload: jobs.payload, cost: jobs.cost })
    .from(jobs)
    .where(and(eq(jobs.scheduledReportId, scheduleId), eq(jobs.type, 'scheduled_report.execution')))
    .orderBy(asc(jobs.createdAt));
}

async function executionTimes(scheduleId: string): Promise<string[]> {
  return (await executions(scheduleId)).map((job) => job.createdAt.toISOString());
}

async function reportCount(scheduleId: string): Promise<number> {
  const [row] = await deps.database.db
    .select({ total: count() })
    .from(reports)
    .where(eq(reports.scheduledReportId, scheduleId));
  return row?.total ?? 0;
}

async function scheduleState(scheduleId: string) {
  const [row] = await deps.database.db
    .select()
    .from(scheduledReports)
    .where(eq(scheduledReports.id, scheduleId));
  assert.ok(row);
  return row;
}

function days(from: string, count: number, time: string, stepDays = 1): string[] {
  return Array.from({ length: count }, (_, index) => {
    const day = new Date(Date.parse(`${from}T${time}Z`) + index * stepDays * 24 * HOUR);
    return day.toISOString();
  });
}

describe('scheduler', () => {
  before(async () => {
    // A live run needs its platform's provider configured; nothing is sent, no worker runs here.
    deps = await testDeps({ clock, env: { OPENAI_API_KEY: 'sk-test-never-sent' } });
    app = await buildApp(deps);
    schedulers = [createScheduler(deps, { tickMs: 15_000 }), createScheduler(deps, { tickMs: 15_000 })];
  });

  // Each test's schedules are paused after it, so that neither later tests (whose clocks run later)
  // nor later runs against the same PostgreSQL database find them due.
  afterEach(async () => {
    if (created.length === 0) return;
    await deps.database.db
      .update(scheduledReports)
      .set({ isActive: false })
      .where(inArray(scheduledReports.id, created.splice(0)));
  });

  after(() => app.close());

  it('fires every due slot exactly once over 30 simulated days with two schedulers', async () => {
    const { key } = await createTenant();
    const brandId = await brandWithFacts(key);
    const daily = await createSchedule(key, brandId, 'daily', '2001-01-31T09:30:00.000Z');
    const weekly = await createSchedule(key, brandId, 'weekly', '2001-01-31T14:00:00.000Z');
    const monthly = await createSchedule(key, brandId, 'monthly', '2001-02-01T12:00:00.000Z');

    await tickHourly('2001-01-31T00:00:00.000Z', '2001-03-02T00:00:00.000Z');

    // A slot fires at the first hourly tick at or after it.
    const expected = {
      [daily]: days('2001-01-31', 30, '10:00:00.000'),
      [weekly]: days('2001-01-31', 5, '14:00:00.000', 7),
      [monthly]: ['2001-02-01T12:00:00.000Z', '2001-03-01T12:00:00.000Z'],
    };
    for (const [scheduleId, times] of Object.entries(expected)) {
      assert.deepEqual(await executionTimes(scheduleId), times);
      assert.equal(await reportCount(scheduleId), times.length);
      const batches = new Set<unknown>();
      for (const job of await executions(scheduleId)) {
        // One report, for the one active market.
        assert.equal((job.payload.report_ids as unknown[]).length, 1);
        batches.add(job.payload.batch_id);
      }
      assert.equal(batches.size, times.length);
    }
    assert.equal((await scheduleState(daily)).nextRunAt.toISOString(), '2001-03-02T09:30:00.000Z');
    assert.equal((await scheduleState(weekly)).nextRunAt.toISOString(), '2001-03-07T14:00:00.000Z');
    assert.equal((await scheduleState(monthly)).nextRunAt.toISOString(), '2001-04-01T12:00:00.000Z');
    const last = await scheduleState(daily);
    assert.equal(last.lastRunStatus, 'processing');
    assert.equal(last.lastRunAt?.toISOString(), '2001-03-01T10:00:00.000Z');
  });

  it('stops firing a paused schedule and continues at its next slot when resumed', async () => {
    const { key } = await createTenant();
    const brandId = await brandWithFacts(key);
    const id = await createSchedule(key, brandId, 'daily', '2002-01-31T09:30:00.000Z');
    await tickHourly('2002-01-31T00:00:00.000Z', '2002-02-01T23:00:00.000Z');
    await api(key, 'PATCH', `/v1/scheduled-reports/${id}`, { is_active: false });
    await tickHourly('2002-02-02T00:00:00.000Z', '2002-02-05T15:00:00.000Z');
    assert.equal(await reportCount(id), 2);
    const resumed = await api(key, 'PATCH', `/v1/scheduled-reports/${id}`, { is_active: true });
    assert.equal(resumed.next_run_at, '2002-02-06T09:30:00.000Z');
    await tickHourly('2002-02-05T16:00:00.000Z', '2002-02-08T00:00:00.000Z');
    assert.deepEqual(await executionTimes(id), [
      '2002-01-31T10:00:00.000Z',
      '2002-02-01T10:00:00.000Z',
      '2002-02-06T10:00:00.000Z',
      '2002-02-07T10:00:00.000Z',
    ]);
  });

  it('honours a PATCH of next_run_at and continues in its new phase', async () => {
    const { key } = await createTenant();
    const brandId = await brandWithFacts(key);
    const id = await createSchedule(key, brandId, 'weekly', '2003-03-05T17:45:00.000Z');
    setClock('2003-03-05T17:44:59.999Z');
    await Promise.all(schedulers.map((scheduler) => scheduler.tick()));
    assert.deepEqual(await executionTimes(id), []);
    setClock('2003-03-05T17:45:00.000Z');
    await Promise.all(schedulers.map((scheduler) => scheduler.tick()));
    assert.deepEqual(await executionTimes(id), ['2003-03-05T17:45:00.000Z']);
    assert.equal((await scheduleState(id)).nextRunAt.toISOString(), '2003-03-12T17:45:00.000Z');

    const moved = await api(key, 'PATCH', `/v1/scheduled-reports/${id}`, {
      next_run_at: '2003-03-08T08:00:00Z',
    });
    assert.equal(moved.next_run_at, '2003-03-08T08:00:00.000Z');
    await tickHourly('2003-03-05T18:00:00.000Z', '2003-03-16T00:00:00.000Z');
    assert.deepEqual(await executionTimes(id), [
      '2003-03-05T17:45:00.000Z',
      '2003-03-08T08:00:00.000Z',
      '2003-03-15T08:00:00.000Z',
    ]);
    assert.equal((await scheduleState(id)).nextRunAt.toISOString(), '2003-03-22T08:00:00.000Z');
  });

  it('fires once after a week of downtime, not once per missed slot', async () => {
    const { key } = await createTenant();
    const brandId = await brandWithFacts(key);
    const id = await createSchedule(key, brandId, 'daily', '2004-01-05T09:00:00.000Z');
    setClock('2004-01-05T09:00:00.000Z');
    await Promise.all(schedulers.map((scheduler) => scheduler.tick()));
    setClock('2004-01-13T12:00:00.000Z');
    for (let round = 0; round < 3; round += 1)
      await Promise.all(schedulers.map((scheduler) => scheduler.tick()));
    assert.deepEqual(await executionTimes(id), ['2004-01-05T09:00:00.000Z', '2004-01-13T12:00:00.000Z']);
    assert.equal((await scheduleState(id)).nextRunAt.toISOString(), '2004-01-14T09:00:00.000Z');
  });

  it('records a schedule its account cannot pay for as failed and moves it to its next slot', async () => {
    setClock('2005-05-31T12:00:00.000Z');
    const tenant = await createTenant({ mode: 'live', credits: 0 });
    const brandId = await brandWithFacts(tenant.key);
    const id = await createSchedule(tenant.key, brandId, 'daily', '2005-06-01T06:00:00.000Z');
    setClock('2005-06-01T06:00:00.000Z');
    await Promise.all(schedulers.map((scheduler) => scheduler.tick()));

    assert.deepEqual(await api(tenant.key, 'GET', `/v1/scheduled-reports/${id}`), {
      id,
      object: 'scheduled_report',
      brand_id: brandId,
      name: 'daily',
      frequency: 'daily',
      is_active: true,
      next_run_at: '2005-06-02T06:00:00.000Z',
      last_run_at: '2005-06-01T06:00:00.000Z',
      last_run_status: 'failed',
      last_error_message: 'insufficient_credits: This costs 1 credits; the balance is 0.',
      created_at: '2005-05-31T12:00:00.000Z',
    });
    // Nothing was started: no job, and the reports it would have run were rolled back.
    assert.deepEqual(await executionTimes(id), []);
    assert.equal(await reportCount(id), 0);

    await grantCredits(
      { db: deps.database.db, clock, newId },
      { accountId: tenant.accountId, amount: 5, reason: 'top-up' },
    );
    setClock('2005-06-02T06:00:00.000Z');
    await Promise.all(schedulers.map((scheduler) => scheduler.tick()));
    const [job] = await executions(id);
    assert.equal(job?.cost, 1);
    assert.equal((await scheduleState(id)).lastRunStatus, 'processing');
  });

  it('ticks at once when started, and not after it is stopped', async () => {
    setClock('2006-01-01T00:00:00.000Z');
    const { key } = await createTenant();
    const brandId = await brandWithFacts(key);
    const id = await createSchedule(key, brandId, 'daily', '2006-01-02T00:00:00.000Z');
    setClock('2006-01-02T00:00:00.000Z');
    const looping = createScheduler(deps, { tickMs: 60 * 60 * 1000 });
    await looping.start();
    assert.deepEqual(await executionTimes(id), ['2006-01-02T00:00:00.000Z']);
    await looping.stop();
    setClock('2006-01-03T00:00:00.000Z');
    assert.deepEqual(await looping.tick(), { fired: [], errored: [] });
    assert.equal((await scheduleState(id)).nextRunAt.toISOString(), '2006-01-03T00:00:00.000Z');
  });
});
