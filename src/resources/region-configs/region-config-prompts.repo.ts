import { and, asc, count, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { regionConfigPrompts, regionConfigs } from '../../db/schema/index.ts';

export type RegionConfigPromptRow = typeof regionConfigPrompts.$inferSelect;
export type NewRegionConfigPromptRow = typeof regionConfigPrompts.$inferInsert;

/** Locks the config so that concurrent additions count against its prompt cap one at a time. */
export async function lockRegionConfig(db: Executor, id: string): Promise<void> {
  await db.select({ id: regionConfigs.id }).from(regionConfigs).where(eq(regionConfigs.id, id)).for('update');
}

export async function countPrompts(db: Executor, regionConfigId: string): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(regionConfigPrompts)
    .where(eq(regionConfigPrompts.regionConfigId, regionConfigId));
  return row?.total ?? 0;
}

export async function listPrompts(db: Executor, regionConfigId: string): Promise<RegionConfigPromptRow[]> {
  return db
    .select()
    .from(regionConfigPrompts)
    .where(eq(regionConfigPrompts.regionConfigId, regionConfigId))
    .orderBy(asc(regionConfigPrompts.id));
}

export async function findPrompt(
  db: Executor,
  regionConfigId: string,
  promptId: string,
): Promise<RegionConfigPromptRow | undefined> {
  const [row] = await db
    .select()
    .from(regionConfigPrompts)
    .where(and(eq(regionConfigPrompts.regionConfigId, regionConfigId), eq(regionConfigPrompts.id, promptId)));
  return row;
}

export async function insertPrompts(
  db: Executor,
  rows: NewRegionConfigPromptRow[],
): Promise<RegionConfigPromptRow[]> {
  if (rows.length === 0) return [];
  return db.insert(regionConfigPrompts).values(rows).returning();
}

export async function updatePrompt(
  db: Executor,
  id: string,
  changes: Partial<NewRegionConfigPromptRow>,
): Promise<RegionConfigPromptRow> {
  const [updated] = await db
    .update(regionConfigPrompts)
    .set(changes)
    .where(eq(regionConfigPrompts.id, id))
    .returning();
  if (!updated) throw new Error('update returned no row');
  return updated;
}

export async function deletePrompt(db: Executor, id: string): Promise<void> {
  await db.delete(regionConfigPrompts).where(eq(regionConfigPrompts.id, id));
}
