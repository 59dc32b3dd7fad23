import { and, asc, eq, lte, notInArray, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../db/client.ts';
import { brands, scheduledReports } from '../db/schema/index.ts';
import type { ScheduledReportRow } from '../resources/scheduled-reports/scheduled-reports.repo.ts';
import type { JobOwner } from './dispatch.ts';

export interface DueSchedule {
  schedule: ScheduledReportRow;
  /** Schedules run for their brand's tenant: the account pays, the brand's mode picks the engines. */
  owner: JobOwner;
}

/** An idle tick is one indexed read outside any transaction (the partial index on due schedules). */
export async function anyScheduleDue(db: Executor, now: Date): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select ${scheduledReports.id} from ${scheduledReports}
        where ${scheduledReports.isActive} and ${scheduledReports.nextRunAt} <= ${now.toISOString()}::timestamptz
        limit 1`,
  );
  return rows.length > 0;
}

/**
 * Locks the earliest active schedule whose slot has passed. Another scheduler skips the locked row,
 * and once this transaction advances `next_run_at` the row is no longer due: each slot fires once.
 */
export async function claimDueSchedule(
  tx: Executor,
  now: Date,
  skipIds: readonly string[],
): Promise<DueSchedule | undefined> {
  const [row] = await tx
    .select({ schedule: scheduledReports, accountId: brands.accountId, mode: brands.mode })
    .from(scheduledReports)
    .innerJoin(brands, eq(brands.id, scheduledReports.brandId))
    .where(
      and(
        eq(scheduledReports.isActive, true),
        lte(scheduledReports.nextRunAt, now),
        skipIds.length > 0 ? notInArray(scheduledReports.id, [...skipIds]) : undefined,
      ),
    )
    .orderBy(asc(scheduledReports.nextRunAt), asc(scheduledReports.id))
    .limit(1)
    .for('update', { of: scheduledReports, skipLocked: true });
  if (!row) return undefined;
  return { schedule: row.schedule, owner: { accountId: row.accountId, mode: row.mode } };
}

export async function advanceSchedule(tx: Executor, id: string, nextRunAt: Date, now: Date): Promise<void> {
  await tx.update(scheduledReports).set({ nextRunAt, updatedAt: now }).where(eq(scheduledReports.id, id));
}
