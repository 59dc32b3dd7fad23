import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Platform } from '../../src/engines/types.ts';
import { reportRunCost } from '../../src/work/cost.ts';
import { type FakeCall, type FakeProviders, fakeProviderEnv } from '../fake-providers/server.ts';
import { expectError } from '../harness.ts';
import {
  ALL_PLATFORMS,
  balanceOf,
  buildStack,
  createBrandWithFacts,
  createLiveTenant,
  createReport,
  expectStatus,
  type FakePipeline,
  type Json,
  type PipelineDatabase,
  runReport,
  type Stack,
  startFakePipeline,
  type TestWorker,
} from './stack.ts';

const PROMPTS = 2;
const SAMPLES = 2;
const ANSWERS = PROMPTS * ALL_PLATFORMS.length * SAMPLES;
const MARKET = { country: 'Germany', language: 'de', location: 'Berlin' };

/** How each platform's answer is collected and which model the fake reports for it. */
const EXPECTED: Record<Platform, { via: string; model: string }> = {
  chatgpt: { via: 'api_search', model: 'gpt-5-mini-2025-08-07' },
  chatgpt_search: { via: 'api_search', model: 'gpt-5-2025-08-07' },
  claude: { via: 'api', model: 'claude-sonnet-4-5-20250929' },
  claude_search: { via: 'api_search', model: 'claude-sonnet-4-5-20250929' },
  gemini: { via: 'api_search', model: 'gemini-2.5-flash-001' },
  grok: { via: 'api_search', model: 'grok-4-0709' },
  perplexity: { via: 'api_search', model: 'sonar' },
  ai_overviews: { via: 'serp', model: 'google-ai-overviews' },
};

const BERLIN = { type: 'approximate', country: 'DE', city: 'Berlin' };
const MARKET_LINE = /The user is located in Berlin, Germany\. Answer in German\./;

type Result = Json & { platform: Platform; prompt_id: string; sample: number };
interface ReportDetail {
  status: string;
  language: string;
  country: string;
  location: string;
  total_results: number;
  visibility_score: number | null;
  failure_reason: string | null;
  metrics: { n: number };
  prompts: Array<{ id: string; results: Result[] }>;
}

const body = (call: FakeCall): Json => call.body as Json;

describe('the live pipeline against the fake providers, every platform', () => {
  let pipeline: FakePipeline | undefined;
  let fake: FakeProviders;
  let pipelineDb: PipelineDatabase;
  let stack: Stack;
  let worker: TestWorker;

  before(async () => {
    pipeline = await startFakePipeline();
    ({ fake, pipelineDb, stack } = pipeline);
    worker = await pipeline.startWorker();
  });
  after(() => pipeline?.close());

  it('runs a Berlin/German report on all 8 platforms through the real SDKs, debiting the run once', async () => {
    const cost = reportRunCost({ promptCount: PROMPTS, platforms: ALL_PLATFORMS, samples: SAMPLES });
    assert.equal(cost, 20, 'one standard bundle + four premium platforms, per prompt and sample');
    const credits = cost + 7;
    const tenant = await createLiveTenant(pipelineDb.database, credits);
    const brandId = await createBrandWithFacts(stack, tenant.key);
    const reportId = await createReport(stack, tenant.key, brandId, {
      platforms: ALL_PLATFORMS,
      prompts: PROMPTS,
      samples: SAMPLES,
      ...MARKET,
    });

    const jobId = await runReport(stack, tenant.key, reportId);
    const job = await stack.waitForJob(tenant.key, jobId);
    assert.equal(
      job.status,
      'completed',
      `job: ${JSON.stringify(job)}; worker: ${JSON.stringify(worker.errors)}`,
    );
    assert.equal(job.type, 'report.run');
    assert.deepEqual({ completed: job.completed, total: job.total }, { completed: ANSWERS, total: ANSWERS });
    assert.deepEqual(job.result, { report_ids: [reportId] });
    assert.equal(job.error, null);

    // The report: one completed, analysed result per prompt × platform × sample.
    const { body: report } = await stack.call<ReportDetail>(tenant.key, 'GET', `/v1/reports/${reportId}`);
    assert.equal(report.status, 'completed');
    assert.deepEqual(
      { country: report.country, language: report.language, location: report.location },
      { country: 'Germany', language: 'German', location: 'Berlin' },
    );
    assert.equal(report.failure_reason, null);
    assert.equal(report.total_results, ANSWERS);
    assert.equal(report.metrics.n, ANSWERS);
    assert.equal(typeof report.visibility_score, 'number');
    const results = report.prompts.flatMap((prompt) => prompt.results);
    assert.equal(results.length, ANSWERS);
    const keys = new Set(results.map((result) => `${result.prompt_id}/${result.platform}/${result.sample}`));
    assert.equal(keys.size, ANSWERS, 'one result per prompt × platform × sample');
    for (const prompt of report.prompts) {
      for (const platform of ALL_PLATFORMS) {
        const samples = prompt.results.filter((result) => result.platform === platform).map((r) => r.sample);
        assert.deepEqual(samples.sort(), [1, 2], `${platform} samples of prompt ${prompt.id}`);
      }
    }
    for (const result of results) {
      const where = `${result.platform} sample ${result.sample}`;
      assert.equal(result.status, 'completed', where);
      assert.equal(result.error, null, where);
      assert.equal(result.collected_via, EXPECTED[result.platform].via, where);
      assert.equal(result.model, EXPECTED[result.platform].model, where);
      assert.ok(typeof result.answer === 'string' && result.answer.includes('Acme Analytics'), where);
      assert.equal(result.brand_mentioned, true, where);
      const cited = result.citations as Array<{ url: string }>;
      if (result.platform === 'claude') assert.deepEqual(cited, [], 'claude answers without search');
      else assert.ok(cited.length > 0, `${where} cites its sources`);
    }

    // Each provider was asked once per answer, with the market in the form it accepts.
    const perPlatform = PROMPTS * SAMPLES;
    const openai = fake.callsTo('openai');
    assert.equal(openai.length, 2 * perPlatform, 'chatgpt and chatgpt_search');
    assert.deepEqual(openai.map((call) => body(call).model).sort(), [
      ...Array(perPlatform).fill('gpt-5'),
      ...Array(perPlatform).fill('gpt-5-mini'),
    ]);
    for (const call of openai) {
      assert.equal(call.path, '/v1/responses');
      assert.deepEqual(body(call).tools, [{ type: 'web_search', user_location: BERLIN }]);
      assert.match(JSON.stringify(body(call).input), MARKET_LINE);
    }

    const anthropic = fake.callsTo('anthropic');
    assert.equal(anthropic.length, 2 * perPlatform, 'claude and claude_search');
    for (const call of anthropic) assert.match(JSON.stringify(body(call).system), MARKET_LINE);
    const withSearch = anthropic.filter((call) => body(call).tools !== undefined);
    assert.equal(withSearch.length, perPlatform, 'only claude_search has the web search tool');
    for (const call of withSearch) {
      assert.deepEqual(body(call).tools, [
        { type: 'web_search_20250305', name: 'web_search', max_uses: 5, user_location: BERLIN },
      ]);
    }

    const google = fake.callsTo('google');
    assert.equal(google.length, perPlatform);
    for (const call of google) {
      assert.equal(call.path, '/v1beta/models/gemini-2.5-flash:generateContent');
      assert.deepEqual(body(call).tools, [{ googleSearch: {} }]);
      assert.match(JSON.stringify(body(call).systemInstruction), MARKET_LINE);
    }

    const xai = fake.callsTo('xai');
    assert.equal(xai.length, perPlatform);
    for (const call of xai) {
      assert.deepEqual(body(call).tools, [{ type: 'web_search' }]);
      assert.match(JSON.stringify(body(call).input), MARKET_LINE);
    }

    const perplexity = fake.callsTo('perplexity');
    assert.equal(perplexity.length, perPlatform);
    for (const call of perplexity) {
      assert.deepEqual(body(call).web_search_options, { user_location: { country: 'DE', city: 'Berlin' } });
      assert.match(JSON.stringify(body(call).messages), MARKET_LINE);
    }

    const serpapi = fake.callsTo('serpapi');
    assert.equal(serpapi.length, perPlatform);
    for (const call of serpapi) {
      assert.equal(call.path, '/search.json');
      assert.deepEqual(
        { engine: call.query.engine, gl: call.query.gl, hl: call.query.hl, location: call.query.location },
        { engine: 'google', gl: 'de', hl: 'de', location: 'Berlin, Germany' },
      );
    }
    assert.equal(
      serpapi.filter((call) => call.query.no_cache === 'true').length,
      PROMPTS,
      'second samples skip the SerpApi cache',
    );

    // The ledger: the initial grant and exactly one debit of the spec's cost, for this job.
    const { body: ledger } = await stack.call<{ data: Json[] }>(
      tenant.key,
      'GET',
      '/v1/credits/transactions',
    );
    const debits = ledger.data.filter((row) => Number(row.amount) < 0);
    assert.equal(debits.length, 1);
    assert.equal(debits[0]?.amount, -cost);
    assert.equal(debits[0]?.job_id, jobId);
    assert.equal(debits[0]?.balance_after, credits - cost);
    assert.equal(ledger.data.length, 2);
    const { body: balance } = await stack.call(tenant.key, 'GET', '/v1/credits');
    assert.equal(balance.balance, credits - cost);
    assert.equal(await balanceOf(pipelineDb.database, tenant.accountId), credits - cost);
  });

  it('refuses a live run on a platform whose provider is not configured (422 platform_unavailable)', async () => {
    const env = fakeProviderEnv(fake.urls);
    delete env.XAI_API_KEY;
    delete env.SERPAPI_API_KEY;
    const partial = await buildStack(pipelineDb.database, env);
    try {
      const tenant = await createLiveTenant(pipelineDb.database, 1000);
      const brandId = await createBrandWithFacts(partial, tenant.key);
      const reportId = await createReport(partial, tenant.key, brandId, {
        platforms: ALL_PLATFORMS,
        prompts: 1,
      });
      const run = await partial.call(tenant.key, 'POST', `/v1/reports/${reportId}/runs`, {});
      const details = expectError(run, 422, 'platform_unavailable');
      assert.deepEqual(details.platforms, ['grok', 'ai_overviews']);

      const { body: report } = await partial.call(tenant.key, 'GET', `/v1/reports/${reportId}`);
      assert.equal(report.status, 'draft', 'nothing changed');
      const { body: jobs } = await partial.call<{ data: unknown[] }>(tenant.key, 'GET', '/v1/jobs');
      assert.deepEqual(jobs.data, []);
      assert.equal(await balanceOf(pipelineDb.database, tenant.accountId), 1000);

      // The same report on the configured platforms only is accepted.
      const patched = await partial.call(tenant.key, 'PATCH', `/v1/reports/${reportId}`, {
        ai_platforms: ['chatgpt', 'claude'],
      });
      expectStatus(patched, 200);
      const jobId = await runReport(partial, tenant.key, reportId);
      const job = await stack.waitForJob(tenant.key, jobId);
      assert.equal(job.status, 'completed');
    } finally {
      await partial.close();
    }
  });

  it('refuses a run the balance cannot cover (402 insufficient_credits with required and balance)', async () => {
    const cost = reportRunCost({ promptCount: 2, platforms: ALL_PLATFORMS, samples: 1 });
    const tenant = await createLiveTenant(pipelineDb.database, cost - 1);
    const brandId = await createBrandWithFacts(stack, tenant.key);
    const reportId = await createReport(stack, tenant.key, brandId, { platforms: ALL_PLATFORMS, prompts: 2 });
    const run = await stack.call(tenant.key, 'POST', `/v1/reports/${reportId}/runs`, {});
    const details = expectError(run, 402, 'insufficient_credits');
    assert.deepEqual(details, { required: cost, balance: cost - 1 });

    const { body: report } = await stack.call(tenant.key, 'GET', `/v1/reports/${reportId}`);
    assert.equal(report.status, 'draft');
    const { body: jobs } = await stack.call<{ data: unknown[] }>(tenant.key, 'GET', '/v1/jobs');
    assert.deepEqual(jobs.data, []);
    const { body: ledger } = await stack.call<{ data: Json[] }>(
      tenant.key,
      'GET',
      '/v1/credits/transactions',
    );
    assert.deepEqual(
      ledger.data.map((row) => row.amount),
      [cost - 1],
      'only the grant',
    );
  });
});
