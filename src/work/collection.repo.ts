import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import {
  answerTasks,
  brandFacts,
  brands,
  citationOccurrences,
  citations,
  regionConfigs,
  reportPrompts,
  reports,
  results,
  scheduledReports,
} from '../db/schema/index.ts';

export type ReportRow = typeof reports.$inferSelect;
export type ResultRow = typeof results.$inferSelect;
type NewResultRow = typeof results.$inferInsert;

export async function findReportsByIds(db: Executor, ids: string[]): Promise<ReportRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(reports).where(inArray(reports.id, ids)).orderBy(asc(reports.id));
}

export async function listPromptIds(db: Executor, reportId: string): Promise<string[]> {
  const rows = await db
    .select({ id: reportPrompts.id })
    .from(reportPrompts)
    .where(eq(reportPrompts.reportId, reportId))
    .orderBy(asc(reportPrompts.id));
  return rows.map((row) => row.id);
}

/** Everything an engine and the analyzer need to answer one task. */
export async function loadTaskContext(db: Executor, reportId: string, promptId: string) {
  const [row] = await db
    .select({ report: reports, prompt: reportPrompts, brand: brands, competitors: brandFacts.competitors })
    .from(reports)
    .innerJoin(reportPrompts, eq(reportPrompts.id, promptId))
    .innerJoin(brands, eq(brands.id, reports.brandId))
    .leftJoin(brandFacts, eq(brandFacts.brandId, brands.id))
    .where(eq(reports.id, reportId));
  return row;
}

export async function insertResult(db: Executor, row: NewResultRow): Promise<ResultRow | undefined> {
  const [inserted] = await db.insert(results).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function listResults(db: Executor, reportId: string) {
  return db
    .select({ result: results, category: reportPrompts.category })
    .from(results)
    .innerJoin(reportPrompts, eq(reportPrompts.id, results.promptId))
    .where(eq(results.reportId, reportId));
}

export async function updateReport(
  db: Executor,
  id: string,
  changes: Partial<typeof reports.$inferInsert>,
): Promise<void> {
  await db.update(reports).set(changes).where(eq(reports.id, id));
}

export async function failProcessingReports(
  db: Executor,
  ids: string[],
  reason: string,
  now: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(reports)
    .set({ status: 'failed', failureReason: reason, updatedAt: now })
    .where(and(inArray(reports.id, ids), eq(reports.status, 'processing')));
}

export async function recordRegionConfigRun(
  db: Executor,
  id: string,
  run: { status: 'processing' | 'completed' | 'failed'; at?: Date; error: string | null; now: Date },
): Promise<void> {
  await db
    .update(regionConfigs)
    .set({
      lastRunStatus: run.status,
      lastErrorMessage: run.error,
      updatedAt: run.now,
      ...(run.at ? { lastRunAt: run.at } : {}),
    })
    .where(eq(regionConfigs.id, id));
}

export async function recordScheduleRun(
  db: Executor,
  id: string,
  run: { status: 'processing' | 'completed' | 'failed'; at?: Date; error: string | null; now: Date },
): Promise<void> {
  await db
    .update(scheduledReports)
    .set({
      lastRunStatus: run.status,
      lastErrorMessage: run.error,
      updatedAt: run.now,
      ...(run.at ? { lastRunAt: run.at } : {}),
    })
    .where(eq(scheduledReports.id, id));
}

export interface CitationToRecord {
  id: string;
  url: string;
  domain: string;
  title: string | null;
  owned: boolean;
  domainCategory: string;
}

/** One citation row per (brand, URL); an occurrence per result that cited it. */
export async function recordCitations(
  db: Executor,
  where: { brandId: string; reportId: string; resultId: string; platform: string; now: Date },
  cited: CitationToRecord[],
): Promise<void> {
  for (const citation of cited) {
    const [row] = await db
      .insert(citations)
      .values({ ...citation, brandId: where.brandId, createdAt: where.now, updatedAt: where.now })
      .onConflictDoUpdate({
        target: [citations.brandId, citations.url],
        // Answers are stored concurrently with a clock read before each waits for its lock, so the
        // stored range only ever widens: first seen never after last seen.
        set: {
          title: sql`coalesce(${citations.title}, excluded.title)`,
          createdAt: sql`least(${citations.createdAt}, excluded.created_at)`,
          updatedAt: sql`greatest(${citations.updatedAt}, excluded.updated_at)`,
        },
      })
      .returning({ id: citations.id });
    if (!row) continue;
    await db
      .insert(citationOccurrences)
      .values({
        citationId: row.id,
        resultId: where.resultId,
        reportId: where.reportId,
        platform: where.platform,
        createdAt: where.now,
      })
      .onConflictDoNothing();
  }
}

/** A failed report that is run again starts from no answers. */
export async function clearCollectedAnswers(db: Executor, reportId: string): Promise<void> {
  await db.delete(answerTasks).where(eq(answerTasks.reportId, reportId));
  await db.delete(results).where(eq(results.reportId, reportId));
}
