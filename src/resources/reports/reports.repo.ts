import { and, asc, count, countDistinct, desc, eq, ilike, inArray, lt } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { brands, jobs, regionConfigs, reports, results } from '../../db/schema/index.ts';
import { containsPattern } from '../../http/pagination.ts';
import type { Principal } from '../../http/principal.ts';
import { visibleBrands } from '../brands/brands.repo.ts';

export type ReportRow = typeof reports.$inferSelect;
export type NewReportRow = typeof reports.$inferInsert;
export type ReportStatus = ReportRow['status'];
export type ResultRow = typeof results.$inferSelect;

/** The report if its brand belongs to the key's tenant (account and mode). */
export async function findReport(
  db: Executor,
  principal: Principal,
  id: string,
): Promise<ReportRow | undefined> {
  const [row] = await db
    .select({ report: reports })
    .from(reports)
    .innerJoin(brands, eq(brands.id, reports.brandId))
    .where(and(visibleBrands(principal), eq(reports.id, id)));
  return row?.report;
}

export async function listReports(
  db: Executor,
  brandId: string,
  options: {
    limit: number;
    afterId: string | null;
    status?: ReportStatus;
    search?: string;
    scheduledReportId?: string;
    batchId?: string;
  },
): Promise<ReportRow[]> {
  return db
    .select()
    .from(reports)
    .where(
      and(
        eq(reports.brandId, brandId),
        options.afterId ? lt(reports.id, options.afterId) : undefined,
        options.status ? eq(reports.status, options.status) : undefined,
        options.search ? ilike(reports.name, containsPattern(options.search)) : undefined,
        options.scheduledReportId ? eq(reports.scheduledReportId, options.scheduledReportId) : undefined,
        options.batchId ? eq(reports.batchId, options.batchId) : undefined,
      ),
    )
    .orderBy(desc(reports.id))
    .limit(options.limit + 1);
}

/** Per report: how many of its prompts have at least one answer that mentions the brand. */
export async function countRankedPrompts(db: Executor, reportIds: string[]): Promise<Map<string, number>> {
  if (reportIds.length === 0) return new Map();
  const rows = await db
    .select({ reportId: results.reportId, ranked: countDistinct(results.promptId) })
    .from(results)
    .where(and(inArray(results.reportId, reportIds), eq(results.brandMentioned, true)))
    .groupBy(results.reportId);
  return new Map(rows.map((row) => [row.reportId, row.ranked]));
}

export async function listResults(db: Executor, reportId: string): Promise<ResultRow[]> {
  return db
    .select()
    .from(results)
    .where(eq(results.reportId, reportId))
    .orderBy(asc(results.promptId), asc(results.platform), asc(results.sample));
}

export async function regionConfigBelongsToBrand(
  db: Executor,
  regionConfigId: string,
  brandId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(regionConfigs)
    .where(and(eq(regionConfigs.id, regionConfigId), eq(regionConfigs.brandId, brandId)));
  return (row?.n ?? 0) > 0;
}

export async function insertReport(db: Executor, row: NewReportRow): Promise<ReportRow> {
  const [inserted] = await db.insert(reports).values(row).returning();
  if (!inserted) throw new Error('insert returned no row');
  return inserted;
}

/** Updates only while the report is still in `status`, so a run dispatched meanwhile wins. */
export async function updateReportIfStatus(
  db: Executor,
  id: string,
  status: ReportStatus,
  changes: Partial<NewReportRow>,
): Promise<ReportRow | undefined> {
  const [updated] = await db
    .update(reports)
    .set(changes)
    .where(and(eq(reports.id, id), eq(reports.status, status)))
    .returning();
  return updated;
}

/** Prompts, results and answer tasks cascade; the report's unfinished jobs are cancelled but stay readable. */
export async function deleteReport(db: Executor, id: string, now: Date): Promise<void> {
  await db
    .update(jobs)
    .set({ status: 'cancelled', finishedAt: now, updatedAt: now, lockedBy: null, lockedUntil: null })
    .where(and(eq(jobs.reportId, id), inArray(jobs.status, ['pending', 'processing'])));
  await db.delete(reports).where(eq(reports.id, id));
}
