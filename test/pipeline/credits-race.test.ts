import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import { creditTransactions, jobs, reports, results } from '../../src/db/schema/index.ts';
import type { Platform } from '../../src/engines/types.ts';
import { reportRunCost } from '../../src/work/cost.ts';
import { expectError } from '../harness.ts';
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

const FUNDED_RUNS = 5;
const PLATFORMS: Platform[] = ['chatgpt', 'gemini'];
const PROMPTS = 2;
const COST = reportRunCost({ promptCount: PROMPTS, platforms: PLATFORMS, samples: 1 });

/**
 * Dispatch checks the balance but does not reserve it, so 2N runs of an account funded for N all pass
 * dispatch when no worker has debited anything yet. Two worker processes then race to claim them:
 * exactly N are paid and run, the others fail at pickup with `insufficient_credits`.
 */
describe('two worker processes racing for the credits of one account', () => {
  let pipeline: FakePipeline | undefined;

  before(async () => {
    if (NEEDS_POSTGRES) return;
    pipeline = await startFakePipeline({
      latencyMs: { openai: 30, google: 30 },
      env: { WORKER_LEASE_SECONDS: '5', WORKER_POLL_MS: '50', WORKER_CONCURRENCY: '4' },
    });
  });
  after(() => pipeline?.close());

  it('debits exactly the funded runs and fails the rest at pickup', { skip: NEEDS_POSTGRES }, async () => {
    assert.ok(pipeline);
    const { pipelineDb, stack, processes } = pipeline;
    const db = pipelineDb.database.db;
    const credits = FUNDED_RUNS * COST;
    const tenant = await createLiveTenant(pipelineDb.database, credits);
    const brandId = await createBrandWithFacts(stack, tenant.key);
    const reportIds: string[] = [];
    for (let index = 0; index < 2 * FUNDED_RUNS; index++) {
      reportIds.push(
        await createReport(stack, tenant.key, brandId, { platforms: PLATFORMS, prompts: PROMPTS }),
      );
    }
    // All dispatched before any worker runs: each sees the whole balance.
    const jobIds: string[] = [];
    for (const reportId of reportIds) jobIds.push(await runReport(stack, tenant.key, reportId));

    pipeline.spawnWorker();
    pipeline.spawnWorker();
    const deadline = Date.now() + 90_000;
    let finished: Array<typeof jobs.$inferSelect> = [];
    for (;;) {
      finished = await db.select().from(jobs).where(inArray(jobs.id, jobIds));
      if (finished.every((job) => ['completed', 'failed', 'cancelled'].includes(job.status))) break;
      if (Date.now() > deadline) {
        assert.fail(`jobs still open: ${processes.map((worker) => worker.stderr()).join('\n')}`);
      }
      await sleep(100);
    }

    const completed = finished.filter((job) => job.status === 'completed');
    const refused = finished.filter((job) => job.status === 'failed');
    assert.equal(
      completed.length,
      FUNDED_RUNS,
      JSON.stringify(finished.map((job) => [job.status, job.error])),
    );
    assert.equal(refused.length, FUNDED_RUNS);
    for (const job of refused) {
      assert.equal(job.error?.code, 'insufficient_credits');
      assert.equal(job.total, 0, 'no answer task was created for an unpaid run');
    }

    // Exactly N debits, one per completed job, each of the run's cost; nothing else moved.
    const ledger = await db
      .select()
      .from(creditTransactions)
      .where(eq(creditTransactions.accountId, tenant.accountId));
    const debits = ledger.filter((row) => row.kind === 'debit');
    assert.equal(debits.length, FUNDED_RUNS);
    assert.deepEqual(debits.map((row) => row.jobId).sort(), completed.map((job) => job.id).sort());
    for (const debit of debits) assert.equal(debit.amount, -COST);
    assert.deepEqual(
      debits.map((row) => row.balanceAfter).sort((a, b) => a - b),
      Array.from({ length: FUNDED_RUNS }, (_, index) => index * COST),
      'each debit saw the balance the previous one left',
    );
    const finalBalance = await balanceOf(pipelineDb.database, tenant.accountId);
    assert.equal(finalBalance, 0);
    const grants = ledger.filter((row) => row.kind === 'grant');
    assert.deepEqual(
      grants.map((row) => row.amount),
      [credits],
    );
    assert.equal(
      debits.reduce((sum, row) => sum + row.amount, 0),
      finalBalance - credits,
      'the ledger explains the balance change',
    );

    // The paid reports completed with all their answers; the refused ones failed with the reason.
    const reportRows = await db.select().from(reports).where(inArray(reports.id, reportIds));
    const byId = new Map(reportRows.map((report) => [report.id, report]));
    for (const job of completed) {
      const report = byId.get(String(job.reportId));
      assert.equal(report?.status, 'completed');
      assert.equal(report?.totalResults, PROMPTS * PLATFORMS.length);
    }
    const refusedIds = refused.map((job) => String(job.reportId));
    for (const id of refusedIds) {
      assert.equal(byId.get(id)?.status, 'failed');
      assert.match(String(byId.get(id)?.failureReason), /^insufficient_credits: /);
    }
    const stray = await db.select().from(results).where(inArray(results.reportId, refusedIds));
    assert.deepEqual(stray, []);

    // With the balance spent, dispatch itself now refuses (a failed report may be run again).
    const retry = await stack.call(tenant.key, 'POST', `/v1/reports/${refusedIds[0]}/runs`, {});
    assert.deepEqual(expectError(retry, 402, 'insufficient_credits'), { required: COST, balance: 0 });
  });
});
