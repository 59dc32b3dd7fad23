import { addMs, iso } from '../../clock.ts';
import type { Deps } from '../../deps.ts';
import { ApiError } from '../../http/errors.ts';
import { decodeCursor, type Page, toPage } from '../../http/pagination.ts';
import type { Principal } from '../../http/principal.ts';
import { cancelJob as cancelQueuedJob } from '../../work/cancel.ts';
import * as repo from './jobs.repo.ts';
import type { JobJson, ListJobsQuery } from './jobs.schemas.ts';

/** Jobs stay readable for 7 days after their creation (spec §7 "Jobs"); older ones answer 404. */
export const JOB_READABLE_MS = 7 * 24 * 60 * 60 * 1000;

function readableSince(deps: Deps): Date {
  return addMs(deps.clock.now(), -JOB_READABLE_MS);
}

export function presentJob(row: repo.JobRow): JobJson {
  return {
    id: row.id,
    object: 'job',
    type: row.type,
    status: row.status,
    step: row.step,
    message: row.message,
    completed: row.completed,
    total: row.total,
    brand_id: row.brandId,
    report_id: row.reportId,
    scheduled_report_id: row.scheduledReportId,
    result: row.result ?? null,
    error: row.error ?? null,
    created_at: iso(row.createdAt),
    started_at: iso(row.startedAt),
    finished_at: iso(row.finishedAt),
    updated_at: iso(row.updatedAt),
  };
}

/**
 * The job as this key may see it: 404 when it is another tenant's or no longer readable, 403 when
 * the key is restricted to a brand and the job is not that brand's. Every job-scoped service starts here.
 */
export async function requireJob(deps: Deps, principal: Principal, jobId: string): Promise<repo.JobRow> {
  const job = await repo.findJob(deps.database.db, principal, jobId, readableSince(deps));
  if (!job) throw new ApiError('not_found', 'No such job.');
  if (principal.allowedBrandId !== null && job.brandId !== principal.allowedBrandId) {
    throw new ApiError('brand_not_authorized', undefined, { allowed_brand_id: principal.allowedBrandId });
  }
  return job;
}

export async function getJob(deps: Deps, principal: Principal, jobId: string): Promise<JobJson> {
  return presentJob(await requireJob(deps, principal, jobId));
}

export async function listJobs(
  deps: Deps,
  principal: Principal,
  query: ListJobsQuery,
): Promise<Page<JobJson>> {
  const rows = await repo.listJobs(deps.database.db, principal, {
    limit: query.limit,
    afterId: decodeCursor(query.cursor),
    since: readableSince(deps),
    status: query.status,
    type: query.type,
  });
  return toPage(rows, query.limit, presentJob);
}

export async function cancelJob(deps: Deps, principal: Principal, jobId: string): Promise<JobJson> {
  const job = await requireJob(deps, principal, jobId);
  return presentJob(await cancelQueuedJob(deps, job.id));
}
