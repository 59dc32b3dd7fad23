import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, createTenant, expectError, startTestWorker, waitForJob } from './harness.ts';

async function scheduleWithConfigs(key: string) {
  const { body: brand } = await call(key, 'POST', '/v1/brands', {
    name: 'Acme',
    website: 'https://acme.com',
  });
  const { body: schedule } = await call(key, 'POST', '/v1/scheduled-reports', {
    brand_id: brand.id,
    name: 'Weekly',
    frequency: 'weekly',
  });
  const config = async (name: string, country: string, body: Record<string, unknown> = {}) => {
    const { body: created } = await call(key, 'POST', '/v1/region-configs', {
      brand_id: brand.id,
      scheduled_report_id: schedule.id,
      name,
      country,
      ai_platforms: ['chatgpt', 'gemini'],
      ...body,
    });
    return String(created.id);
  };
  return { brandId: String(brand.id), scheduleId: String(schedule.id), config };
}

describe('POST /v1/scheduled-reports/{id}/executions', () => {
  it('creates one report per active region config, seeded with its enabled prompts, sharing a batch', async () => {
    await startTestWorker();
    const { key } = await createTenant();
    const { brandId, scheduleId, config } = await scheduleWithConfigs(key);
    const us = await config('US', 'United States');
    const de = await config('DE', 'Germany', { language: 'de' });
    await config('Paused', 'France', { is_active: false });
    const { body: added } = await call(key, 'POST', `/v1/region-configs/${us}/prompts`, {
      prompts: [{ prompt_text: 'Best CRM?', category: 'Best of' }, { prompt_text: 'Cheap CRM?' }],
    });
    await call(
      key,
      'PATCH',
      `/v1/region-configs/${us}/prompts/${(added.data as Array<{ id: string }>)[1]?.id}`,
      {
        disabled: true,
      },
    );
    await call(key, 'POST', `/v1/region-configs/${de}/prompts`, {
      prompts: [{ prompt_text: 'Bestes CRM?' }],
    });
    const url = `/v1/scheduled-reports/${scheduleId}/executions`;

    expectError(await call(key, 'POST', url, {}), 422, 'brand_facts_required');
    await call(key, 'PATCH', `/v1/brands/${brandId}/facts`, { description: 'Makes CRM software.' });
    const { body: before } = await call(key, 'GET', `/v1/scheduled-reports/${scheduleId}`);

    const dispatched = await call(key, 'POST', url, {});
    assert.equal(dispatched.status, 202);
    assert.deepEqual(dispatched.body, {
      job_id: dispatched.body.job_id,
      scheduled_report_id: scheduleId,
      object: 'scheduled_report.execution',
    });
    const job = await waitForJob(key, String(dispatched.body.job_id));
    assert.equal(job.status, 'completed');
    assert.equal(job.type, 'scheduled_report.execution');
    assert.deepEqual({ completed: job.completed, total: job.total }, { completed: 4, total: 4 });

    const { body: list } = await call<{ data: Array<Record<string, unknown>> }>(
      key,
      'GET',
      `/v1/reports?brand_id=${brandId}&scheduled_report_id=${scheduleId}`,
    );
    const reports = list.data;
    assert.equal(reports.length, 2);
    assert.deepEqual(
      (job.result as { report_ids: string[] }).report_ids.sort(),
      reports.map((r) => r.id).sort(),
    );
    assert.equal(new Set(reports.map((report) => report.batch_id)).size, 1);
    assert.deepEqual(
      reports.map((report) => [report.region_config_id, report.status, report.total_results]).sort(),
      [
        [us, 'completed', 2],
        [de, 'completed', 2],
      ].sort(),
    );
    const { body: german } = await call(
      key,
      'GET',
      `/v1/reports/${reports.find((r) => r.region_config_id === de)?.id}`,
    );
    assert.equal(german.language, 'German');
    assert.deepEqual(
      (german.prompts as Array<{ prompt_text: string }>).map((p) => p.prompt_text),
      ['Bestes CRM?'],
    );

    const { body: after } = await call(key, 'GET', `/v1/scheduled-reports/${scheduleId}`);
    assert.equal(after.next_run_at, before.next_run_at, 'manual executions never move next_run_at');
    assert.equal(after.last_run_status, 'completed');
    assert.equal(typeof after.last_run_at, 'string');
    const { body: usConfig } = await call(key, 'GET', `/v1/region-configs/${us}`);
    assert.equal(usConfig.last_run_status, 'completed');

    const only = await call(key, 'POST', url, { region_config_id: de });
    const onlyJob = await waitForJob(key, String(only.body.job_id));
    assert.equal((onlyJob.result as { report_ids: string[] }).report_ids.length, 1);
  });

  it('refuses what it cannot run, and charges live keys the sum of its reports', async () => {
    const tenant = await createTenant({ mode: 'live', credits: 1 });
    const { brandId, scheduleId, config } = await scheduleWithConfigs(tenant.key);
    await call(tenant.key, 'PATCH', `/v1/brands/${brandId}/facts`, { description: 'Makes CRM software.' });
    const url = `/v1/scheduled-reports/${scheduleId}/executions`;
    expectError(await call(tenant.key, 'POST', url, {}), 422, 'prompts_required');
    const id = await config('US', 'US');
    await call(tenant.key, 'POST', `/v1/region-configs/${id}/prompts`, {
      prompts: [{ prompt_text: 'Best CRM?' }],
    });
    assert.deepEqual(expectError(await call(tenant.key, 'POST', url, {}), 422, 'platform_unavailable'), {
      platforms: ['chatgpt', 'gemini'],
    });
    const other = await createTenant();
    expectError(await call(other.key, 'POST', url, {}), 404, 'not_found');
    expectError(await call(tenant.key, 'POST', url, { region_config_id: other.accountId }), 404, 'not_found');
    const readOnly = await tenant.keyWith({ scopes: ['read:scheduled'] });
    expectError(await call(readOnly, 'POST', url, {}), 403, 'insufficient_scope');
    expectError(await call(null, 'POST', url, {}), 401, 'unauthorized');
  });
});
