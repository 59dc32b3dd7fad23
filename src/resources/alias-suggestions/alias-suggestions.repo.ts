import { and, desc, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { aliasDismissals, brands, reports, results } from '../../db/schema/index.ts';
import type { BrandRow } from '../brands/brands.repo.ts';

/** The brand's latest completed answers, newest first (result ids are time-ordered). */
export async function listRecentAnswers(db: Executor, brandId: string, limit: number): Promise<string[]> {
  const rows = await db
    .select({ answer: results.answer })
    .from(results)
    .innerJoin(reports, eq(reports.id, results.reportId))
    .where(and(eq(reports.brandId, brandId), eq(results.status, 'completed'), isNotNull(results.answer)))
    .orderBy(desc(results.id))
    .limit(limit);
  return rows.flatMap((row) => (row.answer === null ? [] : [row.answer]));
}

export async function listDismissedNames(db: Executor, brandId: string): Promise<string[]> {
  const rows = await db
    .select({ name: aliasDismissals.businessName })
    .from(aliasDismissals)
    .where(eq(aliasDismissals.brandId, brandId));
  return rows.map((row) => row.name);
}

export async function insertDismissal(
  db: Executor,
  row: { brandId: string; businessName: string; createdAt: Date },
): Promise<void> {
  await db.insert(aliasDismissals).values(row).onConflictDoNothing();
}

export async function deleteDismissals(db: Executor, brandId: string, businessName: string): Promise<void> {
  await db
    .delete(aliasDismissals)
    .where(
      and(
        eq(aliasDismissals.brandId, brandId),
        sql`lower(${aliasDismissals.businessName}) = lower(${businessName})`,
      ),
    );
}

/**
 * Appends the alias in one statement, so two concurrent acceptances cannot drop each other's alias;
 * no row when the brand already has it (any case) or is at `cap` aliases.
 */
export async function appendAlias(
  db: Executor,
  brandId: string,
  alias: string,
  cap: number,
  now: Date,
): Promise<BrandRow | undefined> {
  const [row] = await db
    .update(brands)
    .set({ brandAliases: sql`array_append(${brands.brandAliases}, ${alias}::text)`, updatedAt: now })
    .where(
      and(
        eq(brands.id, brandId),
        lt(sql`cardinality(${brands.brandAliases})`, cap),
        sql`not exists (select 1 from unnest(${brands.brandAliases}) as known(alias) where lower(known.alias) = lower(${alias}))`,
      ),
    )
    .returning();
  return row;
}
