import { iso } from '../../clock.ts';
import type { Deps } from '../../deps.ts';
import { PLATFORMS, type Platform } from '../../engines/types.ts';
import { ApiError } from '../../http/errors.ts';
import { decodeCursor, type Page, toPage } from '../../http/pagination.ts';
import type { Principal } from '../../http/principal.ts';
import { requireBrand } from '../brands/brands.service.ts';
import { presentRunState, requireInBrand } from '../scheduled-reports/brand-scoped.service.ts';
import { lockScheduledReportOfBrand } from '../scheduled-reports/scheduled-reports.repo.ts';
import { insertPrompts } from './region-config-prompts.repo.ts';
import * as repo from './region-configs.repo.ts';
import type {
  CreateRegionConfigInput,
  ListRegionConfigsQuery,
  RegionConfigJson,
  UpdateRegionConfigInput,
} from './region-configs.schemas.ts';

export const REGION_CONFIGS_PER_SCHEDULE = 20;
export const PROMPTS_PER_REGION_CONFIG = 50;

function isPlatform(value: string): value is Platform {
  return (PLATFORMS as readonly string[]).includes(value);
}

export function presentRegionConfig(row: repo.RegionConfigWithCount): RegionConfigJson {
  return {
    id: row.id,
    object: 'region_config',
    brand_id: row.brandId,
    scheduled_report_id: row.scheduledReportId,
    name: row.name,
    country: row.country,
    language: row.language,
    location: row.location,
    ai_platforms: row.aiPlatforms.filter(isPlatform),
    samples: row.samples,
    is_active: row.isActive,
    prompts_count: row.promptsCount,
    source_report_id: row.sourceReportId,
    ...presentRunState(row),
    created_at: iso(row.createdAt),
  };
}

/** The config as this key may see it (404 for another tenant's, 403 outside a restricted key's brand). */
export async function requireRegionConfig(
  deps: Deps,
  principal: Principal,
  id: string,
): Promise<repo.RegionConfigWithCount> {
  const row = await repo.findRegionConfig(deps.database.db, principal, id);
  return requireInBrand(deps, principal, row, 'region config');
}

export async function listRegionConfigs(
  deps: Deps,
  principal: Principal,
  query: ListRegionConfigsQuery,
): Promise<Page<RegionConfigJson>> {
  const brand = await requireBrand(deps, principal, query.brand_id);
  const rows = await repo.listRegionConfigs(deps.database.db, {
    brandId: brand.id,
    limit: query.limit,
    afterId: decodeCursor(query.cursor),
    isActive: query.is_active,
    search: query.search,
  });
  return toPage(rows, query.limit, presentRegionConfig);
}

/**
 * The schedule is locked while its configs are counted, so two concurrent requests cannot both take
 * the last free place. References are looked up within the body's brand: a schedule or report of
 * another brand answers 404, as one that does not exist.
 */
export async function createRegionConfig(
  deps: Deps,
  principal: Principal,
  input: CreateRegionConfigInput,
): Promise<RegionConfigJson> {
  const brand = await requireBrand(deps, principal, input.brand_id);
  const now = deps.clock.now();
  const row = await deps.database.db.transaction(async (tx) => {
    const schedule = await lockScheduledReportOfBrand(tx, input.scheduled_report_id, brand.id);
    if (!schedule) throw new ApiError('not_found', 'No such scheduled report for this brand.');
    const sourceReportId = input.source_report_id ?? null;
    if (sourceReportId && !(await repo.findReportOfBrand(tx, sourceReportId, brand.id))) {
      throw new ApiError('not_found', 'No such source report for this brand.');
    }
    if ((await repo.countRegionConfigsOfSchedule(tx, schedule.id)) >= REGION_CONFIGS_PER_SCHEDULE) {
      throw new ApiError(
        'conflict',
        `A scheduled report has at most ${REGION_CONFIGS_PER_SCHEDULE} region configs.`,
        { limit: REGION_CONFIGS_PER_SCHEDULE },
      );
    }
    const config = await repo.insertRegionConfig(tx, {
      id: deps.newId(),
      brandId: brand.id,
      scheduledReportId: schedule.id,
      name: input.name,
      country: input.country,
      language: input.language,
      location: input.location ?? null,
      aiPlatforms: input.ai_platforms,
      samples: input.samples,
      isActive: input.is_active,
      sourceReportId,
      createdAt: now,
      updatedAt: now,
    });
    const seeds = sourceReportId
      ? await repo.listReportPrompts(tx, sourceReportId, PROMPTS_PER_REGION_CONFIG)
      : [];
    const prompts = await insertPrompts(
      tx,
      seeds.map((seed) => ({
        id: deps.newId(),
        regionConfigId: config.id,
        promptText: seed.promptText,
        category: seed.category,
        disabled: false,
        createdAt: now,
        updatedAt: now,
      })),
    );
    return { ...config, promptsCount: prompts.length };
  });
  return presentRegionConfig(row);
}

export async function getRegionConfig(
  deps: Deps,
  principal: Principal,
  id: string,
): Promise<RegionConfigJson> {
  return presentRegionConfig(await requireRegionConfig(deps, principal, id));
}

export async function updateRegionConfig(
  deps: Deps,
  principal: Principal,
  id: string,
  input: UpdateRegionConfigInput,
): Promise<RegionConfigJson> {
  await requireRegionConfig(deps, principal, id);
  const row = await repo.updateRegionConfig(deps.database.db, id, {
    name: input.name,
    country: input.country,
    language: input.language,
    location: input.location,
    aiPlatforms: input.ai_platforms,
    samples: input.samples,
    isActive: input.is_active,
    updatedAt: deps.clock.now(),
  });
  return presentRegionConfig(row);
}

export async function deleteRegionConfig(deps: Deps, principal: Principal, id: string): Promise<void> {
  await requireRegionConfig(deps, principal, id);
  await repo.deleteRegionConfig(deps.database.db, id);
}
