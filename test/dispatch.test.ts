import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { creditTransactions, jobs, reports } from '../src/db/schema/index.ts';
import { call, createTenant, expectError, expectSecurity, type TestTenant, testDeps } from './harness.ts';

/** No worker runs in this file: dispatched jobs stay pending, so the tests see dispatch alone. */
async function brandOf(key: string) {
  const { body } = await call(key, 'POST', '/v1/brands', { name: 'Acme', website: 'https://acme.com' });
  return String(body.id);
}

/** Keys a dispatch endpoint of `tenant` must refuse; the unscoped one holds only `readScope`. */
async function outsiders(tenant: TestTenant, readScope: string) {
  return {
    stranger: (await createTenant()).key,
    restricted: await tenant.keyWith({ allowedBrandId: await brandOf(tenant.key) }),
    unscoped: { key: await tenant.keyWith({ scopes: [readScope] }) },
  };
}

describe('POST /v1/reports/{id}/runs preconditions, in the spec order', () => {
  it('checks state, then prompts, then facts, then platforms, then balance', async () => {
    const tenant = await createTenant({ mode: 'live', credits: 1 });
    const brandId = await brandOf(tenant.key);
    const { body: report } = await call(tenant.key, 'POST', '/v1/reports', {
      brand_id: brandId,
      ai_platforms: ['chatgpt', 'gemini'],
    });
    const url = `/v1/reports/${report.id}/runs`;
    const { database } = await testDeps();
    await database.db
      .update(reports)
      .set({ status: 'processing' })
      .where(eq(reports.id, String(report.id)));
    expectError(await call(tenant.key, 'POST', url, {}), 409, 'report_not_modifiable');
    await database.db
      .update(reports)
      .set({ status: 'failed' })
      .where(eq(reports.id, String(report.id)));
    expectError(await call(tenant.key, 'POST', url, {}), 422, 'prompts_required');
    await call(tenant.key, 'POST', `/v1/reports/${report.id}/prompts`, {
      prompts: [{ prompt_text: 'Best CRM?' }, { prompt_text: 'Cheapest CRM?' }],
    });
    expectError(await call(tenant.key, 'POST', url, {}), 422, 'brand_facts_required');
    await call(tenant.key, 'PATCH', `/v1/brands/${brandId}/facts`, { description: 'Makes CRM software.' });
    assert.deepEqual(expectError(await call(tenant.key, 'POST', url, {}), 422, 'platform_unavailable'), {
      platforms: ['chatgpt', 'gemini'],
    });
    // The balance check comes last; test/pipeline/live.test.ts covers it with configured providers.
    const [row] = await database.db
      .select()
      .from(reports)
      .where(eq(reports.id, String(report.id)));
    assert.equal(row?.status, 'failed', 'a refused run leaves the report as it was');
    assert.deepEqual(
      await database.db
        .select()
        .from(jobs)
        .where(eq(jobs.reportId, String(report.id))),
      [],
    );
  });

  it('test keys run without credits and record no ledger entry; a replayed run queues one job', async () => {
    const tenant = await createTenant();
    const brandId = await brandOf(tenant.key);
    await call(tenant.key, 'PATCH', `/v1/brands/${brandId}/facts`, { description: 'Makes CRM software.' });
    const { body: report } = await call(tenant.key, 'POST', '/v1/reports', { brand_id: brandId });
    await call(tenant.key, 'POST', `/v1/reports/${report.id}/prompts`, {
      prompts: [{ prompt_text: 'Best CRM?' }],
    });
    const headers = { 'idempotency-key': `run-${report.id}` };
    const first = await call(tenant.key, 'POST', `/v1/reports/${report.id}/runs`, {}, headers);
    const replay = await call(tenant.key, 'POST', `/v1/reports/${report.id}/runs`, {}, headers);
    assert.equal(first.status, 202);
    assert.deepEqual(replay.body, first.body);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    const { database } = await testDeps();
    const queued = await database.db
      .select()
      .from(jobs)
      .where(eq(jobs.reportId, String(report.id)));
    assert.equal(queued.length, 1);
    assert.deepEqual(
      {
        status: queued[0]?.status,
        type: queued[0]?.type,
        cost: queued[0]?.cost,
        request_id: typeof queued[0]?.requestId,
      },
      { status: 'pending', type: 'report.run', cost: 1, request_id: 'string' },
    );
    const { body: processing } = await call(tenant.key, 'GET', `/v1/reports/${report.id}`);
    assert.equal(processing.status, 'processing');
    expectError(
      await call(tenant.key, 'POST', `/v1/reports/${report.id}/runs`, {}),
      409,
      'report_not_modifiable',
    );
    assert.deepEqual(
      await database.db
        .select()
        .from(creditTransactions)
        .where(eq(creditTransactions.accountId, tenant.accountId)),
      [],
    );
  });

  it('needs write:reports, hides other tenants, respects brand restrictions and rejects unknown body fields', async () => {
    const tenant = await createTenant();
    const brandId = await brandOf(tenant.key);
    const { body: report } = await call(tenant.key, 'POST', '/v1/reports', { brand_id: brandId });
    const url = `/v1/reports/${report.id}/runs`;
    await expectSecurity(await outsiders(tenant, 'read:reports'), 'POST', url, {});
    expectError(await call(tenant.key, 'POST', url, { samples: 2 }), 422, 'body_validation_error');
    expectError(await call(tenant.key, 'POST', '/v1/reports/not-a-uuid/runs', {}), 400, 'validation_error');
  });
});

describe('POST /v1/brands/{id}/facts', () => {
  it('queues research for test keys, refuses live keys without an LLM or credits', async () => {
    const tenant = await createTenant();
    const brandId = await brandOf(tenant.key);
    const dispatched = await call(tenant.key, 'POST', `/v1/brands/${brandId}/facts`, {});
    assert.equal(dispatched.status, 202);
    assert.deepEqual(dispatched.body, {
      brand_id: brandId,
      job_id: dispatched.body.job_id,
      object: 'brand_facts.regenerate.dispatched',
    });
    const { body: job } = await call(tenant.key, 'GET', `/v1/jobs/${dispatched.body.job_id}`);
    assert.deepEqual(
      { type: job.type, status: job.status, brand_id: job.brand_id },
      {
        type: 'brand_facts.research',
        status: 'pending',
        brand_id: brandId,
      },
    );

    const live = await createTenant({ mode: 'live' });
    const liveBrand = await brandOf(live.key);
    assert.deepEqual(
      expectError(
        await call(live.key, 'POST', `/v1/brands/${liveBrand}/facts`, {}),
        422,
        'platform_unavailable',
      ),
      {
        platforms: ['chatgpt'],
      },
    );
  });

  it('needs write:brands, hides other tenants and respects brand restrictions', async () => {
    const tenant = await createTenant();
    const brandId = await brandOf(tenant.key);
    const url = `/v1/brands/${brandId}/facts`;
    await expectSecurity(await outsiders(tenant, 'read:brands'), 'POST', url, {});
    expectError(
      await call(tenant.key, 'POST', url, {}, { 'idempotency-key': 'x y' }),
      400,
      'validation_error',
    );
  });
});

describe('dispatch without a body', () => {
  it('accepts a POST with no body at all, as `{}`', async () => {
    const tenant = await createTenant();
    const brandId = await brandOf(tenant.key);
    const dispatched = await call(tenant.key, 'POST', `/v1/brands/${brandId}/facts`);
    assert.equal(dispatched.status, 202);
  });
});
