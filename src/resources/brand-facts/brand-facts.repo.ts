import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { brandFacts } from '../../db/schema/index.ts';

export type BrandFactsRow = typeof brandFacts.$inferSelect;
/** Columns to set; those left undefined keep their stored value (or their empty default on insert). */
export type BrandFactsValues = Partial<Omit<BrandFactsRow, 'brandId' | 'updatedAt'>> & { updatedAt: Date };

export async function findFacts(db: Executor, brandId: string): Promise<BrandFactsRow | undefined> {
  const [row] = await db.select().from(brandFacts).where(eq(brandFacts.brandId, brandId));
  return row;
}

/**
 * Creates the brand's facts or changes only the columns given, in one statement so that two
 * concurrent writers (a PATCH and the research worker) never overwrite each other's other fields.
 */
export async function upsertFacts(
  db: Executor,
  brandId: string,
  values: BrandFactsValues,
): Promise<BrandFactsRow> {
  const [row] = await db
    .insert(brandFacts)
    .values({
      ...values,
      brandId,
      keyFacts: values.keyFacts ?? [],
      keyPeople: values.keyPeople ?? [],
      products: values.products ?? [],
      services: values.services ?? [],
      competitors: values.competitors ?? [],
    })
    .onConflictDoUpdate({ target: brandFacts.brandId, set: values })
    .returning();
  if (!row) throw new Error('upsert returned no row');
  return row;
}
