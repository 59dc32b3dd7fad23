import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, createTenant, startTestWorker, waitForJob } from './harness.ts';

describe('the answer pipeline in test mode (sandbox engine)', () => {
  it('researches facts, runs a report and stores one analysed result per prompt × platform × sample', async () => {
    await startTestWorker();
    const { key } = await createTenant();
    const { body: brand } = await call(key, 'POST', '/v1/brands', {
      name: 'Acme CRM',
      website: 'https://acme-crm.com',
      categories: ['CRM'],
    });

    const facts = await call(key, 'POST', `/v1/brands/${brand.id}/facts`, {});
    assert.equal(facts.status, 202);
    assert.deepEqual(Object.keys(facts.body).sort(), ['brand_id', 'job_id', 'object']);
    assert.equal(facts.body.object, 'brand_facts.regenerate.dispatched');
    const factsJob = await waitForJob(key, String(facts.body.job_id));
    assert.equal(factsJob.status, 'completed');
    assert.equal(factsJob.type, 'brand_facts.research');
    const { body: stored } = await call(key, 'GET', `/v1/brands/${brand.id}/facts`);
    assert.equal(stored.research_status, 'complete');
    assert.ok(String(stored.description).length > 0);
    assert.ok((stored.competitors as unknown[]).length >= 3);

    const { body: report } = await call(key, 'POST', '/v1/reports', {
      brand_id: brand.id,
      ai_platforms: ['chatgpt', 'perplexity', 'claude'],
      country: 'US',
      samples: 2,
    });
    await call(key, 'POST', `/v1/reports/${report.id}/prompts`, {
      prompts: [
        { prompt_text: 'What is the best CRM for a small agency?', category: 'Best of' },
        { prompt_text: 'Alternatives to Salesforce for startups', category: 'Alternatives' },
      ],
    });
    const run = await call(key, 'POST', `/v1/reports/${report.id}/runs`, {});
    assert.equal(run.status, 202);
    assert.deepEqual(run.body, { job_id: run.body.job_id, report_id: report.id, object: 'report.run' });
    const runJob = await waitForJob(key, String(run.body.job_id));
    assert.equal(runJob.status, 'completed');
    assert.deepEqual({ completed: runJob.completed, total: runJob.total }, { completed: 12, total: 12 });
    assert.deepEqual(runJob.result, { report_ids: [report.id] });

    const { body: done } = await call<{
      status: string;
      total_results: number;
      visibility_score: number;
      metrics: { n: number; methodology_version: string };
      prompts: Array<{ results: Array<Record<string, unknown>> }>;
    }>(key, 'GET', `/v1/reports/${report.id}`);
    assert.equal(done.status, 'completed');
    assert.equal(done.total_results, 12);
    const results = done.prompts.flatMap((prompt) => prompt.results);
    assert.equal(results.length, 12);
    const keys = new Set(results.map((result) => `${result.prompt_id}/${result.platform}/${result.sample}`));
    assert.equal(keys.size, 12);
    for (const result of results) {
      assert.equal(result.status, 'completed');
      assert.equal(result.collected_via, 'sandbox');
      assert.ok(String(result.answer).length > 100);
    }
    assert.ok(results.some((result) => (result.citations as unknown[]).length > 0));
    assert.equal(done.metrics.n, 12);
    assert.equal(typeof done.visibility_score, 'number');

    const { body: ledger } = await call<{ data: unknown[] }>(key, 'GET', '/v1/credits/transactions');
    assert.deepEqual(ledger.data, [], 'test keys cost nothing');
  });
});
