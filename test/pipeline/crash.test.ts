import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, count, countDistinct, eq, sql } from 'drizzle-orm';
import { answerTasks, creditTransactions, jobs, results } from '../../src/db/schema/index.ts';
import type { Platform } from '../../src/engines/types.ts';
import { reportRunCost } from '../../src/work/cost.ts';
import {
  balanceOf,
  createBrandWithFacts,
  createLiveTenant,
  createReport,
  type FakePipeline,
  NEEDS_POSTGRES,
  runReport,
  sleep,
  startFakePipeline,
} from './stack.ts';

const PROMPTS = 50;
// Four providers, so the run is spread over four lanes of PROVIDER_CONCURRENCY calls each.
const PLATFORMS: Platform[] = ['chatgpt', 'claude', 'gemini', 'perplexity'];
const ANSWERS = PROMPTS * PLATFORMS.length;
const LATENCY_MS = 150;

/**
 * A worker process is killed (SIGKILL: no shutdown, no lease released) in the middle of a live run;
 * another process takes the dead one's tasks over once their 2 s leases lapse. Every answer is stored
 * once and the run is debited once.
 */
describe('a worker process killed in the middle of a live run', () => {
  let pipeline: FakePipeline | undefined;

  before(async () => {
    if (NEEDS_POSTGRES) return;
    pipeline = await startFakePipeline({
      latencyMs: { openai: LATENCY_MS, anthropic: LATENCY_MS, google: LATENCY_MS, perplexity: LATENCY_MS },
      env: {
        WORKER_LEASE_SECONDS: '2',
        WORKER_POLL_MS: '100',
        WORKER_CONCURRENCY: '12',
        PROVIDER_CONCURRENCY: '3',
      },
    });
  });
  after(() => pipeline?.close());

  it('completes on another worker, each answer stored once, debited once', {
    skip: NEEDS_POSTGRES,
  }, async () => {
    assert.ok(pipeline);
    const { fake, pipelineDb, stack } = pipeline;
    const db = pipelineDb.database.db;
    const cost = reportRunCost({ promptCount: PROMPTS, platforms: PLATFORMS, samples: 1 });
    const credits = cost + 5;
    const tenant = await createLiveTenant(pipelineDb.database, credits);
    const brandId = await createBrandWithFacts(stack, tenant.key);
    const reportId = await createReport(stack, tenant.key, brandId, {
      platforms: PLATFORMS,
      prompts: PROMPTS,
      country: 'Germany',
    });
    const jobId = await runReport(stack, tenant.key, reportId);
    const stored = async () => {
      const [row] = await db.select({ n: count() }).from(results).where(eq(results.reportId, reportId));
      return row?.n ?? 0;
    };
    const inFlight = async () => {
      const [row] = await db
        .select({ n: count() })
        .from(answerTasks)
        .where(and(eq(answerTasks.reportId, reportId), eq(answerTasks.status, 'processing')));
      return row?.n ?? 0;
    };

    // Killed once a tenth of the answers are stored and others are being asked (each call takes
    // LATENCY_MS, so they are still in flight a moment later, when the signal lands).
    const first = pipeline.spawnWorker();
    const deadline = Date.now() + 60_000;
    while ((await stored()) < ANSWERS / 10 || (await inFlight()) === 0) {
      if (Date.now() > deadline || first.child.exitCode !== null) {
        assert.fail(`the first worker stored ${await stored()} answers; stderr: ${first.stderr()}`);
      }
      await sleep(20);
    }
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = await stored();
    assert.ok(atKill > 0 && atKill < ANSWERS, `killed mid-run (${atKill} of ${ANSWERS} stored)`);
    const orphans = await inFlight();
    assert.ok(orphans > 0, 'the dead worker left leased tasks behind');

    const second = pipeline.spawnWorker();
    const job = await stack.waitForJob(tenant.key, jobId, 90_000).catch((error: unknown) => {
      throw new Error(`${String(error)}; second worker stderr: ${second.stderr()}`);
    });
    assert.equal(job.status, 'completed', `${JSON.stringify(job)}\n${first.stderr()}\n${second.stderr()}`);
    assert.deepEqual({ completed: job.completed, total: job.total }, { completed: ANSWERS, total: ANSWERS });
    assert.deepEqual(job.result, { report_ids: [reportId] });

    // Every answer stored once, all of them answers.
    const [summary] = await db
      .select({
        rows: count(),
        answers: countDistinct(sql`(${results.promptId}, ${results.platform}, ${results.sample})`),
        completed: sql<number>`count(*) filter (where ${results.status} = 'completed')`.mapWith(Number),
      })
      .from(results)
      .where(eq(results.reportId, reportId));
    assert.deepEqual(summary, { rows: ANSWERS, answers: ANSWERS, completed: ANSWERS });
    const { body: report } = await stack.call(tenant.key, 'GET', `/v1/reports/${reportId}`);
    assert.equal(report.status, 'completed');
    assert.equal(report.total_results, ANSWERS);
    const [tasks] = await db
      .select({
        total: count(),
        completed: sql<number>`count(*) filter (where ${answerTasks.status} = 'completed')`.mapWith(Number),
        retaken: sql<number>`count(*) filter (where ${answerTasks.attempts} > 1)`.mapWith(Number),
      })
      .from(answerTasks)
      .where(eq(answerTasks.reportId, reportId));
    assert.equal(tasks?.total, ANSWERS);
    assert.equal(tasks?.completed, ANSWERS);
    assert.ok((tasks?.retaken ?? 0) > 0, 'the second worker took over the dead one’s tasks');
    // Answers in flight when the first worker died were asked again, but stored once.
    const asked = fake.calls.filter(
      (call) => call.provider !== 'site' && call.provider !== 'redirect',
    ).length;
    assert.ok(asked >= ANSWERS, `${asked} provider calls for ${ANSWERS} answers`);

    // One debit, of the run's cost, however many workers touched the job.
    const ledger = await db
      .select({
        kind: creditTransactions.kind,
        amount: creditTransactions.amount,
        jobId: creditTransactions.jobId,
      })
      .from(creditTransactions)
      .where(eq(creditTransactions.accountId, tenant.accountId));
    assert.deepEqual(
      ledger.filter((row) => row.kind === 'debit'),
      [{ kind: 'debit', amount: -cost, jobId }],
    );
    assert.equal(await balanceOf(pipelineDb.database, tenant.accountId), credits - cost);
    const [jobRow] = await db.select({ attempts: jobs.attempts }).from(jobs).where(eq(jobs.id, jobId));
    assert.equal(jobRow?.attempts, 1, 'the job itself was claimed once; its tasks were taken over');
  });
});
