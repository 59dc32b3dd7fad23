import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { jobs, scheduledReports } from '../../db/schema/index.ts';
import type { Principal } from '../../http/principal.ts';
import { type BrandListFilters, brandListConditions, inVisibleBrand } from './brand-scoped.repo.ts';

export type ScheduledReportRow = typeof scheduledReports.$inferSelect;
export type NewScheduledReportRow = typeof scheduledReports.$inferInsert;

export async function findScheduledReport(
  db: Executor,
  principal: Principal,
  id: string,
): Promise<ScheduledReportRow | undefined> {
  const [row] = await db
    .select()
    .from(scheduledReports)
    .where(and(eq(scheduledReports.id, id), inVisibleBrand(scheduledReports.brandId, principal)));
  return row;
}

/** Locks the schedule so that concurrent region-config creations count against its cap one at a time. */
export async function lockScheduledReportOfBrand(
  db: Executor,
  id: string,
  brandId: string,
): Promise<{ id: string } | undefined> {
  const [row] = await db
    .select({ id: scheduledReports.id })
    .from(scheduledReports)
    .where(and(eq(scheduledReports.id, id), eq(scheduledReports.brandId, brandId)))
    .for('update');
  return row;
}

export async function listScheduledReports(
  db: Executor,
  filters: BrandListFilters & { frequency?: ScheduledReportRow['frequency'] },
): Promise<ScheduledReportRow[]> {
  return db
    .select()
    .from(scheduledReports)
    .where(
      and(
        brandListConditions(scheduledReports, filters),
        filters.frequency ? eq(scheduledReports.frequency, filters.frequency) : undefined,
      ),
    )
    .orderBy(desc(scheduledReports.id))
    .limit(filters.limit + 1);
}

export async function insertScheduledReport(
  db: Executor,
  row: NewScheduledReportRow,
): Promise<ScheduledReportRow> {
  const [inserted] = await db.insert(scheduledReports).values(row).returning();
  if (!inserted) throw new Error('insert returned no row');
  return inserted;
}

export async function updateScheduledReport(
  db: Executor,
  id: string,
  changes: Partial<NewScheduledReportRow>,
): Promise<ScheduledReportRow> {
  const [updated] = await db
    .update(scheduledReports)
    .set(changes)
    .where(eq(scheduledReports.id, id))
    .returning();
  if (!updated) throw new Error('update returned no row');
  return updated;
}

/**
 * Region configs and their prompts go with the schedule (FK cascade); its reports stay, unlinked.
 * An execution still waiting in the queue would find nothing to run, so it is cancelled; one already
 * running is left to its handler, which may have created reports by now.
 */
export async function deleteScheduledReport(db: Executor, id: string, now: Date): Promise<void> {
  await db
    .update(jobs)
    .set({ status: 'cancelled', finishedAt: now, updatedAt: now, lockedBy: null, lockedUntil: null })
    .where(
      and(
        eq(jobs.scheduledReportId, id),
        eq(jobs.type, 'scheduled_report.execution'),
        eq(jobs.status, 'pending'),
      ),
    );
  await db.delete(scheduledReports).where(eq(scheduledReports.id, id));
}
