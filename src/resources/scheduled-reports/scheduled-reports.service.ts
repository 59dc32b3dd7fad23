import { iso } from '../../clock.ts';
import type { Deps } from '../../deps.ts';
import { decodeCursor, type Page, toPage } from '../../http/pagination.ts';
import type { Principal } from '../../http/principal.ts';
import { firstRunAt, nextRunAfter } from '../../work/cadence.ts';
import { requireBrand } from '../brands/brands.service.ts';
import { listRegionConfigsOfSchedule } from '../region-configs/region-configs.repo.ts';
import type { RegionConfigJson } from '../region-configs/region-configs.schemas.ts';
import { presentRegionConfig } from '../region-configs/region-configs.service.ts';
import { presentRunState, requireInBrand } from './brand-scoped.service.ts';
import * as repo from './scheduled-reports.repo.ts';
import type {
  CreateScheduledReportInput,
  ListScheduledReportsQuery,
  ScheduledReportJson,
  UpdateScheduledReportInput,
} from './scheduled-reports.schemas.ts';

export function presentScheduledReport(row: repo.ScheduledReportRow): ScheduledReportJson {
  return {
    id: row.id,
    object: 'scheduled_report',
    brand_id: row.brandId,
    name: row.name,
    frequency: row.frequency,
    is_active: row.isActive,
    next_run_at: iso(row.nextRunAt),
    ...presentRunState(row),
    created_at: iso(row.createdAt),
  };
}

/** The schedule as this key may see it (404 for another tenant's, 403 outside a restricted key's brand). */
export async function requireScheduledReport(
  deps: Deps,
  principal: Principal,
  id: string,
): Promise<repo.ScheduledReportRow> {
  const row = await repo.findScheduledReport(deps.database.db, principal, id);
  return requireInBrand(deps, principal, row, 'scheduled report');
}

export async function listScheduledReports(
  deps: Deps,
  principal: Principal,
  query: ListScheduledReportsQuery,
): Promise<Page<ScheduledReportJson>> {
  const brand = await requireBrand(deps, principal, query.brand_id);
  const rows = await repo.listScheduledReports(deps.database.db, {
    brandId: brand.id,
    limit: query.limit,
    afterId: decodeCursor(query.cursor),
    isActive: query.is_active,
    search: query.search,
    frequency: query.frequency,
  });
  return toPage(rows, query.limit, presentScheduledReport);
}

export async function createScheduledReport(
  deps: Deps,
  principal: Principal,
  input: CreateScheduledReportInput,
): Promise<ScheduledReportJson> {
  const brand = await requireBrand(deps, principal, input.brand_id);
  const now = deps.clock.now();
  const row = await repo.insertScheduledReport(deps.database.db, {
    id: deps.newId(),
    brandId: brand.id,
    name: input.name,
    frequency: input.frequency,
    isActive: true,
    nextRunAt: firstRunAt(input.frequency, now),
    createdAt: now,
    updatedAt: now,
  });
  return presentScheduledReport(row);
}

export async function getScheduledReport(
  deps: Deps,
  principal: Principal,
  id: string,
): Promise<ScheduledReportJson> {
  return presentScheduledReport(await requireScheduledReport(deps, principal, id));
}

/**
 * A paused schedule is skipped by the scheduler, so its `next_run_at` can fall behind. Resuming it
 * then would run it at the next tick (and spend credits) for a slot that passed while the owner had
 * deliberately stopped it; instead it continues at its next slot after now, in the same phase.
 */
function resumedNextRunAt(
  current: repo.ScheduledReportRow,
  input: UpdateScheduledReportInput,
  now: Date,
): Date | undefined {
  if (input.next_run_at) return new Date(input.next_run_at);
  const resuming = input.is_active === true && !current.isActive;
  if (!resuming || current.nextRunAt.getTime() > now.getTime()) return undefined;
  return nextRunAfter(input.frequency ?? current.frequency, current.nextRunAt, now);
}

export async function updateScheduledReport(
  deps: Deps,
  principal: Principal,
  id: string,
  input: UpdateScheduledReportInput,
): Promise<ScheduledReportJson> {
  const current = await requireScheduledReport(deps, principal, id);
  const now = deps.clock.now();
  const row = await repo.updateScheduledReport(deps.database.db, id, {
    name: input.name,
    frequency: input.frequency,
    isActive: input.is_active,
    nextRunAt: resumedNextRunAt(current, input, now),
    updatedAt: now,
  });
  return presentScheduledReport(row);
}

export async function deleteScheduledReport(deps: Deps, principal: Principal, id: string): Promise<void> {
  await requireScheduledReport(deps, principal, id);
  await deps.database.db.transaction((tx) => repo.deleteScheduledReport(tx, id, deps.clock.now()));
}

export async function listScheduleRegionConfigs(
  deps: Deps,
  principal: Principal,
  id: string,
): Promise<{ object: 'list'; data: RegionConfigJson[] }> {
  const schedule = await requireScheduledReport(deps, principal, id);
  const rows = await listRegionConfigsOfSchedule(deps.database.db, schedule.id);
  return { object: 'list', data: rows.map(presentRegionConfig) };
}
