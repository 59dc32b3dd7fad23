import type { Deps } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { failProcessingReports, findReportsByIds } from './collection.repo.ts';
import { collectionReportIds, recordScheduleOutcome } from './collection.ts';
import { finishJob, type JobRow, lockJob } from './jobs.repo.ts';
import { cancelOpenTasks } from './tasks.repo.ts';
import { recordReportEvents } from './webhook-events.ts';

export const CANCELLED_REASON = 'Cancelled by request.';

/**
 * Cancels a pending or processing job: its open tasks are dropped (answers in flight are discarded
 * when they return, since the job is no longer processing) and its reports fail as cancelled.
 */
export async function cancelJob(deps: Deps, jobId: string): Promise<JobRow> {
  return deps.database.db.transaction(async (tx) => {
    const job = await lockJob(tx, jobId);
    if (!job) throw new ApiError('not_found', 'No such job.');
    if (job.status !== 'pending' && job.status !== 'processing') {
      throw new ApiError('conflict', `The job is already ${job.status}.`, { status: job.status });
    }
    const now = deps.clock.now();
    await cancelOpenTasks(tx, job.id, now);
    const reports = await findReportsByIds(tx, collectionReportIds(job));
    const failing = reports.filter((report) => report.status === 'processing').map((report) => report.id);
    await failProcessingReports(tx, failing, CANCELLED_REASON, now);
    await recordReportEvents(tx, { now, newId: deps.newId }, failing);
    await finishJob(tx, job.id, { status: 'cancelled', now, message: CANCELLED_REASON });
    await recordScheduleOutcome(tx, deps, job, 'failed', CANCELLED_REASON, now);
    const cancelled = await lockJob(tx, job.id);
    if (!cancelled) throw new Error('job vanished');
    return cancelled;
  });
}
