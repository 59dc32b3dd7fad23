import { createAnalyzer } from '../analysis/analyze.ts';
import type { AnswerAnalysis } from '../analysis/types.ts';
import type { Executor } from '../db/client.ts';
import type { Deps } from '../deps.ts';
import { ProviderCallError } from '../engines/outbound.ts';
import type { CollectedAnswer, Platform } from '../engines/types.ts';
import { backoffDelayMs } from './backoff.ts';
import { findReportsByIds, insertResult, loadTaskContext, recordCitations } from './collection.repo.ts';
import { collectionReportIds, progressMessage, recordScheduleOutcome } from './collection.ts';
import { finishJob, type JobRow, lockJob, updateJob } from './jobs.repo.ts';
import { finalizeReport } from './report-finalize.ts';
import { countOpenTasks, setTaskStatus, type TaskRow } from './tasks.repo.ts';
import { recordReportEvents } from './webhook-events.ts';

export const MAX_TASK_ATTEMPTS = 4;

type Outcome =
  | { kind: 'answer'; answer: CollectedAnswer; analysis: AnswerAnalysis }
  | { kind: 'failed'; error: { code: string; message: string } };

type TaskContext = NonNullable<Awaited<ReturnType<typeof loadTaskContext>>>;

function competitorsOf(context: TaskContext) {
  return (context.competitors ?? []).map((competitor) => ({
    name: competitor.name,
    website: competitor.website ?? '',
    aliases: competitor.aliases,
  }));
}

/** Asks one platform one prompt (outside any transaction), then stores the answer or the failure. */
export async function processTask(deps: Deps, task: TaskRow, signal: AbortSignal): Promise<void> {
  const context = await loadTaskContext(deps.database.db, task.reportId, task.promptId);
  if (!context) return; // the report was deleted: its tasks went with it
  const brand = {
    name: context.brand.name,
    website: context.brand.website,
    aliases: context.brand.brandAliases,
  };
  const competitors = competitorsOf(context);
  let outcome: Outcome;
  try {
    const engine = deps.engines.forMode(context.brand.mode, task.platform as Platform);
    const answer = await engine.collect({
      platform: task.platform as Platform,
      prompt: context.prompt.promptText,
      market: {
        country: context.report.country,
        language: context.report.language ?? 'English',
        location: context.report.location,
      },
      sample: task.sample,
      brand,
      competitors,
      signal,
    });
    const analysis = createAnalyzer({ brand, competitors })({
      platform: task.platform as Platform,
      prompt: context.prompt.promptText,
      answer: answer.text,
      sources: answer.sources,
    });
    outcome = { kind: 'answer', answer, analysis };
  } catch (error) {
    if (signal.aborted) throw error;
    const retryable = error instanceof ProviderCallError && error.retryable;
    if (retryable && task.attempts < MAX_TASK_ATTEMPTS) {
      const now = deps.clock.now();
      const wait = Math.max(
        backoffDelayMs(task.attempts, { baseMs: 2000, maxMs: 120_000, random: Math.random }),
        error.retryAfterMs ?? 0,
      );
      await setTaskStatus(deps.database.db, task.id, {
        status: 'pending',
        runAt: new Date(now.getTime() + wait),
        lastError: { code: error.code, message: error.message },
        updatedAt: now,
      });
      return;
    }
    const code = error instanceof ProviderCallError ? error.code : 'provider_error';
    outcome = {
      kind: 'failed',
      error: { code, message: error instanceof Error ? error.message : String(error) },
    };
  }
  await deps.database.db.transaction((tx) => storeOutcome(tx, deps, task, context, outcome));
}

async function storeOutcome(
  tx: Executor,
  deps: Deps,
  task: TaskRow,
  context: TaskContext,
  outcome: Outcome,
): Promise<void> {
  const now = deps.clock.now();
  const job = await lockJob(tx, task.jobId);
  if (job?.status !== 'processing') {
    await setTaskStatus(tx, task.id, { status: 'cancelled', updatedAt: now });
    return;
  }
  const analysis = outcome.kind === 'answer' ? outcome.analysis : null;
  const inserted = await insertResult(tx, {
    id: deps.newId(),
    reportId: task.reportId,
    promptId: task.promptId,
    platform: task.platform,
    sample: task.sample,
    status: outcome.kind === 'answer' ? 'completed' : 'failed',
    model: outcome.kind === 'answer' ? outcome.answer.model : null,
    collectedVia: outcome.kind === 'answer' ? outcome.answer.collectedVia : null,
    answer: outcome.kind === 'answer' ? outcome.answer.text : null,
    brandMentioned: analysis?.brand_mentioned ?? null,
    brandPosition: analysis?.brand_position ?? null,
    sentiment: analysis?.sentiment ?? null,
    mentionedBrands: analysis?.mentioned_brands ?? [],
    citations: analysis?.citations ?? [],
    error: outcome.kind === 'failed' ? outcome.error : null,
    createdAt: now,
  });
  await setTaskStatus(tx, task.id, {
    status: outcome.kind === 'answer' ? 'completed' : 'failed',
    lastError: outcome.kind === 'failed' ? outcome.error : null,
    updatedAt: now,
  });
  if (!inserted) return; // another worker stored this answer already
  if (analysis) {
    await recordCitations(
      tx,
      {
        brandId: context.brand.id,
        reportId: task.reportId,
        resultId: inserted.id,
        platform: task.platform,
        now,
      },
      analysis.citations.map((citation) => ({
        ...citation,
        id: deps.newId(),
        domainCategory: citation.domain_category,
      })),
    );
  }
  const completed = job.completed + 1;
  await updateJob(tx, job.id, { completed, message: progressMessage(completed, job.total), updatedAt: now });
  await settleCollection(tx, deps, { ...job, completed }, competitorsOf(context));
}

/** Finishes the reports whose tasks are all done, and the job when all its tasks are. Runs under the job lock. */
export async function settleCollection(
  tx: Executor,
  deps: Deps,
  job: JobRow,
  competitors: Array<{ name: string }>,
): Promise<void> {
  const now = deps.clock.now();
  const reports = await findReportsByIds(tx, collectionReportIds(job));
  for (const report of reports) {
    if (report.status === 'processing' && (await countOpenTasks(tx, { reportId: report.id })) === 0) {
      Object.assign(report, await finalizeReport(tx, report, competitors, now));
      await recordReportEvents(tx, { now, newId: deps.newId }, [report.id]);
    }
  }
  if ((await countOpenTasks(tx, { jobId: job.id })) > 0) return;
  const reportIds = reports.map((report) => report.id);
  const anyCompleted = reports.some((report) => report.status === 'completed');
  const error = anyCompleted
    ? null
    : {
        code: 'no_answers',
        message: reports.find((r) => r.failureReason)?.failureReason ?? 'No answer could be collected.',
      };
  await finishJob(tx, job.id, {
    status: anyCompleted ? 'completed' : 'failed',
    now,
    result: { report_ids: reportIds },
    error,
    message: anyCompleted ? progressMessage(job.completed, job.total) : (error?.message ?? 'failed'),
  });
  await recordScheduleOutcome(
    tx,
    deps,
    job,
    anyCompleted ? 'completed' : 'failed',
    error?.message ?? null,
    now,
  );
}
