import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAnalyzer } from '../../src/analysis/analyze.ts';
import { createEngineRegistry, type EngineRegistry } from '../../src/engines/registry.ts';
import type { Platform } from '../../src/engines/types.ts';
import { MAX_TASK_ATTEMPTS } from '../../src/work/answer-task.ts';
import { reportRunCost } from '../../src/work/cost.ts';
import type { FakeProviders } from '../fake-providers/server.ts';
import {
  balanceOf,
  createBrandWithFacts,
  createLiveTenant,
  createReport,
  type FakePipeline,
  type Json,
  type PipelineDatabase,
  runReport,
  type Stack,
  stackConfig,
  startFakePipeline,
  type TestWorker,
} from './stack.ts';

type Result = Json & { platform: Platform; status: string; error: { code: string; message: string } | null };
interface ReportDetail {
  status: string;
  failure_reason: string | null;
  total_results: number;
  prompts: Array<{ results: Result[] }>;
}

interface Scenario {
  reportId: string;
  jobId: string;
  platforms: Platform[];
  prompts: number;
}

const CREDITS = 100;
// Every provider but Google: a generous per-attempt timeout (a slow moment of the test process must
// not turn a quick reply into a timeout) and one outbound retry per task attempt.
const OUTBOUND_RETRIES = 1;
const CALLS_PER_FAILED_ANSWER = MAX_TASK_ATTEMPTS * (1 + OUTBOUND_RETRIES);
// Google (gemini) hangs: its attempts are abandoned after 2 s and not retried in the outbound, so the
// task's own retries are all there is and the hung answer is given up on in seconds.
const HANG_TIMEOUT = { PROVIDER_TIMEOUT_MS: '2000', PROVIDER_MAX_RETRIES: '0' };

/**
 * Three reports run at once, each on providers of its own, so each provider's script and call log
 * belong to one scenario:
 * - partial: OpenAI answers, Anthropic answers 502, Google never answers;
 * - none: xAI answers 500 and SerpApi malformed JSON, so no answer at all is collected;
 * - limited: Perplexity answers 429 with `Retry-After: 2` twice, then normally.
 */
describe('provider faults during live runs (fake providers scripted)', () => {
  let pipeline: FakePipeline | undefined;
  let fake: FakeProviders;
  let pipelineDb: PipelineDatabase;
  let stack: Stack;
  let worker: TestWorker;
  let key: string;
  let accountId: string;
  let partial: Scenario;
  let none: Scenario;
  let limited: Scenario;

  before(async () => {
    let generous!: EngineRegistry;
    pipeline = await startFakePipeline({
      env: { PROVIDER_TIMEOUT_MS: '10000', PROVIDER_MAX_RETRIES: String(OUTBOUND_RETRIES) },
      engines: (env) => {
        generous = createEngineRegistry({ settings: stackConfig(env).providers });
        const short = createEngineRegistry({ settings: stackConfig({ ...env, ...HANG_TIMEOUT }).providers });
        return {
          outbound: generous.outbound,
          configuredPlatforms: () => generous.configuredPlatforms(),
          forMode: (mode, platform) => (platform === 'gemini' ? short : generous).forMode(mode, platform),
        };
      },
    });
    ({ fake, pipelineDb, stack } = pipeline);

    // The first call through each SDK, and the first analysis, cost this process a second or so of
    // CPU; paid here, before anything runs against a short timeout.
    const analyze = createAnalyzer({
      brand: { name: 'Acme Analytics', website: 'https://acme-analytics.example', aliases: [] },
      competitors: [],
    });
    for (const platform of ['chatgpt', 'claude', 'gemini', 'grok', 'perplexity', 'ai_overviews'] as const) {
      const prompt = 'Which analytics tools compare well with Acme Analytics?';
      const answer = await generous.forMode('live', platform).collect({
        platform,
        prompt,
        market: { country: 'US', language: 'English', location: null },
        sample: 1,
        brand: { name: 'Acme Analytics', website: 'https://acme-analytics.example', aliases: [] },
        competitors: [],
      });
      analyze({ platform, prompt, answer: answer.text, sources: answer.sources });
    }
    fake.reset();

    const tenant = await createLiveTenant(pipelineDb.database, CREDITS);
    key = tenant.key;
    accountId = tenant.accountId;
    const brandId = await createBrandWithFacts(stack, key);
    const dispatch = async (platforms: Platform[], prompts: number): Promise<Scenario> => {
      const reportId = await createReport(stack, key, brandId, { platforms, prompts, country: 'US' });
      return { reportId, jobId: await runReport(stack, key, reportId), platforms, prompts };
    };
    fake.script('anthropic', { status: 502 });
    fake.script('google', { hang: true });
    fake.script('xai', { status: 500 });
    fake.script('serpapi', { malformed: true });
    fake.script('perplexity', { status: 429, retryAfter: '2', failTimes: 2 });
    partial = await dispatch(['chatgpt', 'claude', 'gemini'], 2);
    none = await dispatch(['grok', 'ai_overviews'], 1);
    limited = await dispatch(['perplexity'], 1);
    worker = await pipeline.startWorker();
  });
  after(() => pipeline?.close());

  const finished = async (scenario: Scenario) => {
    const job = await stack.waitForJob(key, scenario.jobId, 60_000);
    const { body: report } = await stack.call<ReportDetail>(key, 'GET', `/v1/reports/${scenario.reportId}`);
    const results = report.prompts.flatMap((prompt) => prompt.results);
    const context = JSON.stringify({ job, report, workerErrors: worker.errors });
    return { job, report, results, context };
  };

  it('retries 5xx and hung calls, then records failed results without failing the report', async () => {
    const { job, report, results, context } = await finished(partial);
    assert.equal(job.status, 'completed', context);
    assert.equal(job.error, null);
    assert.deepEqual({ completed: job.completed, total: job.total }, { completed: 6, total: 6 });
    assert.equal(report.status, 'completed', context);
    assert.equal(report.failure_reason, null);
    assert.equal(report.total_results, 6);

    const byPlatform = (platform: Platform) => results.filter((result) => result.platform === platform);
    for (const result of byPlatform('chatgpt')) {
      assert.equal(result.status, 'completed', context);
      assert.equal(result.error, null);
      assert.ok(String(result.answer).includes('Acme Analytics'));
    }
    for (const [platform, code, message] of [
      ['claude', 'provider_error', /502/],
      ['gemini', 'timeout', /no answer within 2000 ms/],
    ] as const) {
      const failed = byPlatform(platform);
      assert.equal(failed.length, 2, platform);
      for (const result of failed) {
        assert.equal(result.status, 'failed', `${platform}: ${context}`);
        assert.equal(result.error?.code, code, platform);
        assert.match(String(result.error?.message), message, platform);
        assert.equal(result.answer, null);
        assert.equal(result.model, null);
        assert.equal(result.collected_via, null);
      }
    }

    // Retried: the 502s once per task attempt in the outbound, both by re-queueing the task until
    // its last attempt; the healthy provider was asked once per answer.
    assert.equal(fake.callsTo('anthropic').length, 2 * CALLS_PER_FAILED_ANSWER, 'claude calls');
    assert.equal(fake.callsTo('google').length, 2 * MAX_TASK_ATTEMPTS, 'gemini calls');
    assert.equal(fake.callsTo('openai').length, 2, 'chatgpt calls');
  });

  it('fails a report (with a failure_reason) and its job when no answer could be collected', async () => {
    const { job, report, results, context } = await finished(none);
    assert.equal(job.status, 'failed', context);
    assert.equal(report.status, 'failed', context);
    assert.match(String(report.failure_reason), /^No answer could be collected \(2 attempted\): /);
    assert.deepEqual(job.error, { code: 'no_answers', message: report.failure_reason });
    assert.deepEqual(job.result, { report_ids: [none.reportId] });
    assert.equal(report.total_results, 2);

    const grok = results.find((result) => result.platform === 'grok');
    assert.equal(grok?.status, 'failed');
    assert.equal(grok?.error?.code, 'provider_error');
    const overview = results.find((result) => result.platform === 'ai_overviews');
    assert.equal(overview?.status, 'failed');
    assert.equal(overview?.error?.code, 'bad_response');
    assert.equal(fake.callsTo('xai').length, CALLS_PER_FAILED_ANSWER, 'a 500 is retried');
    assert.equal(fake.callsTo('serpapi').length, 1, 'a malformed body is not retried');
  });

  it('never retries a 429 sooner than its Retry-After', async () => {
    const { job, results, context } = await finished(limited);
    assert.equal(job.status, 'completed', context);
    assert.equal(results.length, 1);
    assert.equal(results[0]?.status, 'completed', context);
    assert.equal(results[0]?.collected_via, 'api_search');

    // Two 429s (the first retried by the outbound, the second by re-queueing the task), then the answer.
    const calls = fake.callsTo('perplexity').sort((a, b) => a.at - b.at);
    assert.equal(calls.length, 3);
    for (let index = 1; index < calls.length; index++) {
      const gap = (calls[index]?.at ?? 0) - (calls[index - 1]?.at ?? 0);
      assert.ok(gap >= 2000, `retry ${index} came ${gap} ms after a 429 with Retry-After: 2`);
    }
  });

  it('debits each run once, failed or not (no automatic refund)', async () => {
    const scenarios = [partial, none, limited];
    for (const scenario of scenarios) await finished(scenario);
    const costs = scenarios.map(({ prompts, platforms }) =>
      reportRunCost({ promptCount: prompts, platforms, samples: 1 }),
    );
    const { body: ledger } = await stack.call<{ data: Json[] }>(key, 'GET', '/v1/credits/transactions');
    const debits = ledger.data.filter((row) => Number(row.amount) < 0);
    assert.deepEqual(
      debits.map((row) => [row.job_id, row.amount]).sort(),
      scenarios.map((scenario, index) => [scenario.jobId, -(costs[index] ?? 0)]).sort(),
    );
    const spent = costs.reduce((sum, cost) => sum + cost, 0);
    assert.equal(await balanceOf(pipelineDb.database, accountId), CREDITS - spent);
  });
});
