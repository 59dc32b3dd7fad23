import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { brandFacts, reportPrompts, reports } from '../../db/schema/index.ts';
import type { ReportStatus } from './reports.repo.ts';

export type PromptRow = typeof reportPrompts.$inferSelect;
export type NewPromptRow = typeof reportPrompts.$inferInsert;

export async function listPrompts(db: Executor, reportId: string): Promise<PromptRow[]> {
  return db
    .select()
    .from(reportPrompts)
    .where(eq(reportPrompts.reportId, reportId))
    .orderBy(asc(reportPrompts.id));
}

export async function findPrompt(
  db: Executor,
  reportId: string,
  promptId: string,
): Promise<PromptRow | undefined> {
  const [row] = await db
    .select()
    .from(reportPrompts)
    .where(and(eq(reportPrompts.reportId, reportId), eq(reportPrompts.id, promptId)));
  return row;
}

/**
 * Locks the report row for the rest of the transaction and returns its status, so that a prompt
 * edit and a run dispatch (or two concurrent additions racing the cap) cannot interleave.
 */
export async function lockReportStatus(db: Executor, reportId: string): Promise<ReportStatus | undefined> {
  const [row] = await db
    .select({ status: reports.status })
    .from(reports)
    .where(eq(reports.id, reportId))
    .for('update');
  return row?.status;
}

export async function countPrompts(db: Executor, reportId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(reportPrompts)
    .where(eq(reportPrompts.reportId, reportId));
  return row?.n ?? 0;
}

export async function insertPrompts(db: Executor, rows: NewPromptRow[]): Promise<PromptRow[]> {
  return db.insert(reportPrompts).values(rows).returning();
}

export async function updatePrompt(
  db: Executor,
  id: string,
  changes: Partial<NewPromptRow>,
): Promise<PromptRow | undefined> {
  const [updated] = await db.update(reportPrompts).set(changes).where(eq(reportPrompts.id, id)).returning();
  return updated;
}

export async function deletePrompt(db: Executor, id: string): Promise<void> {
  await db.delete(reportPrompts).where(eq(reportPrompts.id, id));
}

/** "Facts set" means a non-empty description (spec §7, Brand facts). */
export async function hasBrandFacts(db: Executor, brandId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(brandFacts)
    .where(and(eq(brandFacts.brandId, brandId), sql`length(trim(${brandFacts.description})) > 0`));
  return (row?.n ?? 0) > 0;
}
