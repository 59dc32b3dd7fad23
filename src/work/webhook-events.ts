import { type IdSource, iso } from '../clock.ts';
import type { Executor } from '../db/client.ts';
import type { WebhookEvent } from '../db/schema/index.ts';
import { findReportsByIds, type ReportRow } from './collection.repo.ts';
import { type JobRow, notifyWork } from './jobs.repo.ts';
import { insertDeliveries, listSubscribedWebhookIds } from './webhook-delivery.repo.ts';

export const WEBHOOK_API_VERSION = 'v1';

/** When the event happened (the state change's own `now`) and where its ids come from. */
export interface EventContext {
  now: Date;
  newId: IdSource;
}

export interface WebhookEventPayload {
  id: string;
  type: WebhookEvent;
  api_version: typeof WEBHOOK_API_VERSION;
  created_at: string;
  data: Record<string, unknown>;
}

/**
 * The outbox: one pending delivery per active webhook of the brand subscribed to the event, written
 * in the caller's transaction, so the event exists exactly when the state it reports is committed.
 * Workers deliver it later, outside any transaction.
 */
export async function enqueueWebhookEvent(
  tx: Executor,
  context: EventContext,
  brandId: string,
  type: WebhookEvent,
  data: Record<string, unknown>,
): Promise<void> {
  const webhookIds = await listSubscribedWebhookIds(tx, brandId, type);
  if (webhookIds.length === 0) return;
  const now = context.now;
  const payload: WebhookEventPayload = {
    id: `evt_${context.newId()}`,
    type,
    api_version: WEBHOOK_API_VERSION,
    created_at: iso(now),
    data,
  };
  await insertDeliveries(
    tx,
    webhookIds.map((webhookId) => ({
      id: context.newId(),
      webhookId,
      eventId: payload.id,
      eventType: type,
      payload: { ...payload },
      status: 'pending' as const,
      runAt: now,
      createdAt: now,
    })),
  );
  await notifyWork(tx);
}

export function reportEventData(report: ReportRow): Record<string, unknown> {
  return {
    id: report.id,
    brand_id: report.brandId,
    name: report.name,
    status: report.status,
    visibility_score: report.status === 'completed' ? report.visibilityScore : null,
    failure_reason: report.failureReason,
    batch_id: report.batchId,
    scheduled_report_id: report.scheduledReportId,
    completed_at: iso(report.completedAt),
  };
}

/**
 * `report.completed` / `report.failed` for each of these reports that is in that state now. Call it
 * in the transaction that finished them, after the update, so the summary is the committed one.
 */
export async function recordReportEvents(
  tx: Executor,
  context: EventContext,
  reportIds: string[],
): Promise<void> {
  for (const report of await findReportsByIds(tx, reportIds)) {
    if (report.status !== 'completed' && report.status !== 'failed') continue;
    await enqueueWebhookEvent(
      tx,
      context,
      report.brandId,
      `report.${report.status}`,
      reportEventData(report),
    );
  }
}

export interface ScheduleRun {
  brandId: string;
  scheduledReportId: string;
  /** Null when the run failed before a job was queued (e.g. the scheduler could not start it). */
  jobId: string | null;
  batchId: string | null;
  reportIds: string[];
  status: 'completed' | 'failed';
  error: string | null;
}

/** `schedule.run.completed` / `schedule.run.failed`, in the transaction that records the run's outcome. */
export async function recordScheduleRunEvent(
  tx: Executor,
  context: EventContext,
  run: ScheduleRun,
): Promise<void> {
  await enqueueWebhookEvent(tx, context, run.brandId, `schedule.run.${run.status}`, {
    scheduled_report_id: run.scheduledReportId,
    batch_id: run.batchId,
    job_id: run.jobId,
    report_ids: run.reportIds,
    status: run.status,
    error: run.error,
  });
}

/** The schedule run a finished `scheduled_report.execution` job stands for; null for other jobs. */
export function scheduleRunOfJob(
  job: JobRow,
  status: 'completed' | 'failed',
  error: string | null,
): ScheduleRun | null {
  if (job.type !== 'scheduled_report.execution' || !job.scheduledReportId || !job.brandId) return null;
  const { report_ids: reportIds, batch_id: batchId } = job.payload;
  return {
    brandId: job.brandId,
    scheduledReportId: job.scheduledReportId,
    jobId: job.id,
    batchId: typeof batchId === 'string' ? batchId : null,
    reportIds: Array.isArray(reportIds) ? reportIds.filter((id): id is string => typeof id === 'string') : [],
    status,
    error,
  };
}
