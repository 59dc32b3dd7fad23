import { and, desc, eq, ilike, inArray, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { brands, jobs } from '../../db/schema/index.ts';
import { containsPattern } from '../../http/pagination.ts';
import type { Principal } from '../../http/principal.ts';

export type BrandRow = typeof brands.$inferSelect;
export type NewBrandRow = typeof brands.$inferInsert;

/** The tenant filter every brand read goes through: the key's account and mode. */
export function visibleBrands(principal: Principal): SQL | undefined {
  return and(eq(brands.accountId, principal.accountId), eq(brands.mode, principal.mode));
}

export async function findBrand(
  db: Executor,
  principal: Principal,
  id: string,
): Promise<BrandRow | undefined> {
  const [row] = await db
    .select()
    .from(brands)
    .where(and(visibleBrands(principal), eq(brands.id, id)));
  return row;
}

export async function listBrands(
  db: Executor,
  principal: Principal,
  options: { limit: number; afterId: string | null; search?: string },
): Promise<BrandRow[]> {
  return db
    .select()
    .from(brands)
    .where(
      and(
        visibleBrands(principal),
        principal.allowedBrandId ? eq(brands.id, principal.allowedBrandId) : undefined,
        options.afterId ? lt(brands.id, options.afterId) : undefined,
        options.search ? ilike(brands.name, containsPattern(options.search)) : undefined,
      ),
    )
    .orderBy(desc(brands.id))
    .limit(options.limit + 1);
}

export async function insertBrand(db: Executor, row: NewBrandRow): Promise<BrandRow> {
  const [inserted] = await db.insert(brands).values(row).returning();
  if (!inserted) throw new Error('insert returned no row');
  return inserted;
}

export async function updateBrand(
  db: Executor,
  id: string,
  changes: Partial<NewBrandRow>,
): Promise<BrandRow> {
  const [updated] = await db.update(brands).set(changes).where(eq(brands.id, id)).returning();
  if (!updated) throw new Error('update returned no row');
  return updated;
}

export async function deleteBrand(db: Executor, id: string, now: Date): Promise<void> {
  await db
    .update(jobs)
    .set({ status: 'cancelled', finishedAt: now, updatedAt: now, lockedBy: null, lockedUntil: null })
    .where(and(eq(jobs.brandId, id), inArray(jobs.status, ['pending', 'processing'])));
  await db.delete(brands).where(eq(brands.id, id));
}
