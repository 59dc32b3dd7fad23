import type { Executor } from '../db/client.ts';
import type { Deps } from '../deps.ts';
import { settleCollection } from './answer-task.ts';
import {
  failProcessingReports,
  findReportsByIds,
  listPromptIds,
  type ReportRow,
  recordScheduleRun,
} from './collection.repo.ts';
import { finishJob, type JobRow, updateJob } from './jobs.repo.ts';
import { debitJobOnce } from './ledger.ts';
import { insertTasks } from './tasks.repo.ts';
import { recordReportEvents, recordScheduleRunEvent, scheduleRunOfJob } from './webhook-events.ts';

/** Both run jobs (one report) and schedule executions (one report per region config) collect answers. */
export function collectionReportIds(job: JobRow): string[] {
  const ids = job.payload.report_ids;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

export function progressMessage(completed: number, total: number): string {
  return `Collected ${completed} of ${total} answers`;
}

/**
 * The claim-time phase of a collection job, all in the claim transaction: debit once, then one task
 * per prompt × platform × sample. The job then waits, unleased, while workers answer its tasks.
 */
export async function startCollection(tx: Executor, deps: Deps, job: JobRow): Promise<void> {
  const now = deps.clock.now();
  const reports = await findReportsByIds(tx, collectionReportIds(job));
  if ((await debitJobOnce(tx, job, deps.newId, now)) === 'insufficient') {
    const message = `The balance cannot cover this run's ${job.cost} credits.`;
    await failProcessingReports(
      tx,
      reports.map((report) => report.id),
      `insufficient_credits: ${message}`,
      now,
    );
    const failedIds = reports.filter((report) => report.status === 'processing').map((report) => report.id);
    await recordReportEvents(tx, { now, newId: deps.newId }, failedIds);
    await finishJob(tx, job.id, {
      status: 'failed',
      now,
      error: { code: 'insufficient_credits', message },
      message,
    });
    await recordScheduleOutcome(tx, deps, job, 'failed', `insufficient_credits: ${message}`, now);
    return;
  }
  let total = 0;
  for (const report of reports) total += await createTasks(tx, deps, job, report, now);
  await updateJob(tx, job.id, {
    step: 'collecting',
    total,
    message: progressMessage(0, total),
    lockedBy: null,
    lockedUntil: null,
    updatedAt: now,
  });
  if (total === 0) await settleCollection(tx, deps, { ...job, total }, []);
}

async function createTasks(
  tx: Executor,
  deps: Deps,
  job: JobRow,
  report: ReportRow,
  now: Date,
): Promise<number> {
  const promptIds = await listPromptIds(tx, report.id);
  const rows = promptIds.flatMap((promptId) =>
    report.aiPlatforms.flatMap((platform) =>
      Array.from({ length: report.samples }, (_, index) => ({
        id: deps.newId(),
        jobId: job.id,
        reportId: report.id,
        promptId,
        platform,
        sample: index + 1,
        status: 'pending' as const,
        runAt: now,
        createdAt: now,
        updatedAt: now,
      })),
    ),
  );
  await insertTasks(tx, rows);
  return rows.length;
}

export async function recordScheduleOutcome(
  tx: Executor,
  deps: Pick<Deps, 'newId'>,
  job: JobRow,
  status: 'completed' | 'failed',
  error: string | null,
  now: Date,
): Promise<void> {
  if (job.type === 'scheduled_report.execution' && job.scheduledReportId) {
    await recordScheduleRun(tx, job.scheduledReportId, { status, error, now });
  }
  // Every end of a run (settled, refused at claim, cancelled) passes here.
  const run = scheduleRunOfJob(job, status, error);
  if (run) await recordScheduleRunEvent(tx, { now, newId: deps.newId }, run);
}
