import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, createTenant, expectError, expectSecurity } from './harness.ts';

/** No worker runs in this file, so dispatched jobs stay pending until cancelled. */
async function pendingRun() {
  const tenant = await createTenant();
  const { body: brand } = await call(tenant.key, 'POST', '/v1/brands', {
    name: 'Acme',
    website: 'https://acme.com',
  });
  await call(tenant.key, 'PATCH', `/v1/brands/${brand.id}/facts`, { description: 'Makes CRM software.' });
  const { body: report } = await call(tenant.key, 'POST', '/v1/reports', { brand_id: brand.id });
  await call(tenant.key, 'POST', `/v1/reports/${report.id}/prompts`, {
    prompts: [{ prompt_text: 'Best CRM?' }],
  });
  const { body: run } = await call(tenant.key, 'POST', `/v1/reports/${report.id}/runs`, {});
  return { tenant, brandId: String(brand.id), reportId: String(report.id), jobId: String(run.job_id) };
}

describe('DELETE /v1/jobs/{id}', () => {
  it('cancels a pending run: the job is cancelled, the report fails as cancelled, a second cancel is 409', async () => {
    const { tenant, reportId, jobId } = await pendingRun();
    const cancelled = await call(tenant.key, 'DELETE', `/v1/jobs/${jobId}`);
    assert.equal(cancelled.status, 200);
    assert.deepEqual(
      {
        status: cancelled.body.status,
        step: cancelled.body.step,
        message: cancelled.body.message,
        type: cancelled.body.type,
      },
      { status: 'cancelled', step: 'done', message: 'Cancelled by request.', type: 'report.run' },
    );
    assert.equal(typeof cancelled.body.finished_at, 'string');
    const { body: report } = await call(tenant.key, 'GET', `/v1/reports/${reportId}`);
    assert.deepEqual(
      { status: report.status, failure_reason: report.failure_reason },
      {
        status: 'failed',
        failure_reason: 'Cancelled by request.',
      },
    );
    assert.deepEqual(expectError(await call(tenant.key, 'DELETE', `/v1/jobs/${jobId}`), 409, 'conflict'), {
      status: 'cancelled',
    });
  });

  it('needs write:jobs, hides other tenants and respects brand restrictions', async () => {
    const { tenant, jobId } = await pendingRun();
    const url = `/v1/jobs/${jobId}`;
    const { body: other } = await call(tenant.key, 'POST', '/v1/brands', {
      name: 'Other',
      website: 'https://o.com',
    });
    await expectSecurity(
      {
        stranger: (await createTenant()).key,
        restricted: await tenant.keyWith({ allowedBrandId: String(other.id) }),
        unscoped: { key: await tenant.keyWith({ scopes: ['read:jobs'] }) },
      },
      'DELETE',
      url,
    );
    const { body: job } = await call(tenant.key, 'GET', url);
    assert.equal(job.status, 'pending');
  });
});
