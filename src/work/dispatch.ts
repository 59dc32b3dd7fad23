import type { Executor } from '../db/client.ts';
import type { JobType } from '../db/schema/index.ts';
import type { Deps } from '../deps.ts';
import { ApiError } from '../http/errors.ts';
import { insertJob, type JobRow } from './jobs.repo.ts';
import { assertCanAfford } from './ledger.ts';

export interface JobOwner {
  accountId: string;
  mode: 'live' | 'test';
}

export interface NewJob {
  type: JobType;
  brandId: string;
  reportId?: string | null;
  scheduledReportId?: string | null;
  payload: Record<string, unknown>;
  cost: number;
  requestId: string | null;
  message: string;
}

/** Live runs may only select platforms whose provider has a key on this server (spec §3). */
export function assertPlatformsAvailable(deps: Deps, owner: JobOwner, platforms: readonly string[]): void {
  if (owner.mode === 'test') return;
  const configured = new Set<string>(deps.engines.configuredPlatforms());
  const missing = platforms.filter((platform) => !configured.has(platform));
  if (missing.length > 0) {
    throw new ApiError('platform_unavailable', `Not configured on this server: ${missing.join(', ')}.`, {
      platforms: missing,
    });
  }
}

/** Checks the balance and queues the job in the caller's transaction; workers wake on commit. */
export async function enqueueJob(tx: Executor, deps: Deps, owner: JobOwner, job: NewJob): Promise<JobRow> {
  await assertCanAfford(tx, owner, job.cost);
  const now = deps.clock.now();
  return insertJob(tx, {
    id: deps.newId(),
    accountId: owner.accountId,
    mode: owner.mode,
    type: job.type,
    status: 'pending',
    step: 'queued',
    message: job.message,
    brandId: job.brandId,
    reportId: job.reportId ?? null,
    scheduledReportId: job.scheduledReportId ?? null,
    payload: job.payload,
    cost: job.cost,
    requestId: job.requestId,
    runAt: now,
    createdAt: now,
    updatedAt: now,
  });
}
