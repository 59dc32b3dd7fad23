import { and, asc, count, desc, eq, getTableColumns } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { regionConfigPrompts, regionConfigs, reportPrompts, reports } from '../../db/schema/index.ts';
import type { Principal } from '../../http/principal.ts';
import {
  type BrandListFilters,
  brandListConditions,
  inVisibleBrand,
} from '../scheduled-reports/brand-scoped.repo.ts';

export type RegionConfigRow = typeof regionConfigs.$inferSelect;
export type NewRegionConfigRow = typeof regionConfigs.$inferInsert;
export type RegionConfigWithCount = RegionConfigRow & { promptsCount: number };

/** Grouped by the primary key, so every config column can be selected beside the count. */
function selectWithPromptsCount(db: Executor) {
  return db
    .select({ ...getTableColumns(regionConfigs), promptsCount: count(regionConfigPrompts.id) })
    .from(regionConfigs)
    .leftJoin(regionConfigPrompts, eq(regionConfigPrompts.regionConfigId, regionConfigs.id));
}

export async function findRegionConfig(
  db: Executor,
  principal: Principal,
  id: string,
): Promise<RegionConfigWithCount | undefined> {
  const [row] = await selectWithPromptsCount(db)
    .where(and(eq(regionConfigs.id, id), inVisibleBrand(regionConfigs.brandId, principal)))
    .groupBy(regionConfigs.id);
  return row;
}

async function reloadRegionConfig(db: Executor, id: string): Promise<RegionConfigWithCount> {
  const [row] = await selectWithPromptsCount(db).where(eq(regionConfigs.id, id)).groupBy(regionConfigs.id);
  if (!row) throw new Error('region config vanished');
  return row;
}

export async function listRegionConfigs(
  db: Executor,
  filters: BrandListFilters,
): Promise<RegionConfigWithCount[]> {
  return selectWithPromptsCount(db)
    .where(brandListConditions(regionConfigs, filters))
    .groupBy(regionConfigs.id)
    .orderBy(desc(regionConfigs.id))
    .limit(filters.limit + 1);
}

export async function listRegionConfigsOfSchedule(
  db: Executor,
  scheduledReportId: string,
): Promise<RegionConfigWithCount[]> {
  return selectWithPromptsCount(db)
    .where(eq(regionConfigs.scheduledReportId, scheduledReportId))
    .groupBy(regionConfigs.id)
    .orderBy(asc(regionConfigs.id));
}

export async function countRegionConfigsOfSchedule(db: Executor, scheduledReportId: string): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(regionConfigs)
    .where(eq(regionConfigs.scheduledReportId, scheduledReportId));
  return row?.total ?? 0;
}

export async function findReportOfBrand(
  db: Executor,
  reportId: string,
  brandId: string,
): Promise<{ id: string } | undefined> {
  const [row] = await db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.id, reportId), eq(reports.brandId, brandId)));
  return row;
}

/** The report's prompts in the order they were added, to seed a region config. */
export async function listReportPrompts(
  db: Executor,
  reportId: string,
  limit: number,
): Promise<Array<{ promptText: string; category: string | null }>> {
  return db
    .select({ promptText: reportPrompts.promptText, category: reportPrompts.category })
    .from(reportPrompts)
    .where(eq(reportPrompts.reportId, reportId))
    .orderBy(asc(reportPrompts.id))
    .limit(limit);
}

export async function insertRegionConfig(db: Executor, row: NewRegionConfigRow): Promise<RegionConfigRow> {
  const [inserted] = await db.insert(regionConfigs).values(row).returning();
  if (!inserted) throw new Error('insert returned no row');
  return inserted;
}

export async function updateRegionConfig(
  db: Executor,
  id: string,
  changes: Partial<NewRegionConfigRow>,
): Promise<RegionConfigWithCount> {
  await db.update(regionConfigs).set(changes).where(eq(regionConfigs.id, id));
  return reloadRegionConfig(db, id);
}

export async function deleteRegionConfig(db: Executor, id: string): Promise<void> {
  await db.delete(regionConfigs).where(eq(regionConfigs.id, id));
}
