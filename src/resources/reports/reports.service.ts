import type { Deps } from '../../deps.ts';
import { DEFAULT_REPORT_PLATFORMS } from '../../engines/types.ts';
import { ApiError } from '../../http/errors.ts';
import { decodeCursor, type Page, toPage } from '../../http/pagination.ts';
import type { Principal } from '../../http/principal.ts';
import { requireBrand } from '../brands/brands.service.ts';
import { listPrompts } from './report-prompts.repo.ts';
import { presentPrompt, presentReport, presentResult } from './reports.presenters.ts';
import * as repo from './reports.repo.ts';
import type {
  CreateReportInput,
  ListReportsQuery,
  ReportDetailJson,
  ReportJson,
  ResultJson,
  UpdateReportInput,
} from './reports.schemas.ts';

/** The report as this key may see it: 404 outside the tenant, 403 for a key restricted to another brand. */
export async function requireReport(
  deps: Deps,
  principal: Principal,
  reportId: string,
): Promise<repo.ReportRow> {
  const report = await repo.findReport(deps.database.db, principal, reportId);
  if (!report) throw new ApiError('not_found', 'No such report.');
  await requireBrand(deps, principal, report.brandId);
  return report;
}

async function presentOne(deps: Deps, row: repo.ReportRow): Promise<ReportJson> {
  const ranked = await repo.countRankedPrompts(deps.database.db, [row.id]);
  return presentReport(row, ranked.get(row.id) ?? 0);
}

export async function listReports(
  deps: Deps,
  principal: Principal,
  query: ListReportsQuery,
): Promise<Page<ReportJson>> {
  const brand = await requireBrand(deps, principal, query.brand_id);
  const rows = await repo.listReports(deps.database.db, brand.id, {
    limit: query.limit,
    afterId: decodeCursor(query.cursor),
    status: query.status,
    search: query.search,
    scheduledReportId: query.scheduled_report_id,
    batchId: query.batch_id,
  });
  const ranked = await repo.countRankedPrompts(
    deps.database.db,
    rows.map((row) => row.id),
  );
  return toPage(rows, query.limit, (row) => presentReport(row, ranked.get(row.id) ?? 0));
}

export async function createReport(
  deps: Deps,
  principal: Principal,
  input: CreateReportInput,
): Promise<ReportJson> {
  const brand = await requireBrand(deps, principal, input.brand_id);
  const regionConfigId = input.region_config_id ?? null;
  if (
    regionConfigId &&
    !(await repo.regionConfigBelongsToBrand(deps.database.db, regionConfigId, brand.id))
  ) {
    throw new ApiError('not_found', 'No such region config for this brand.');
  }
  const now = deps.clock.now();
  const row = await repo.insertReport(deps.database.db, {
    id: deps.newId(),
    brandId: brand.id,
    name: input.name ?? `${brand.name} Report`,
    status: 'draft',
    aiPlatforms: input.ai_platforms ?? [...DEFAULT_REPORT_PLATFORMS],
    // An explicit null asks for no country; only an absent field takes the brand's.
    country: input.country === undefined ? brand.country : input.country,
    language: input.language ?? brand.language ?? 'English',
    location: input.location ?? null,
    samples: input.samples,
    regionConfigId,
    createdAt: now,
    updatedAt: now,
  });
  return presentReport(row, 0);
}

export async function getReport(
  deps: Deps,
  principal: Principal,
  reportId: string,
): Promise<ReportDetailJson> {
  const report = await requireReport(deps, principal, reportId);
  const prompts = await listPrompts(deps.database.db, report.id);
  const resultsByPrompt = new Map<string, ResultJson[]>();
  for (const result of await repo.listResults(deps.database.db, report.id)) {
    const list = resultsByPrompt.get(result.promptId) ?? [];
    list.push(presentResult(result));
    resultsByPrompt.set(result.promptId, list);
  }
  return {
    ...(await presentOne(deps, report)),
    prompts: prompts.map((prompt) => ({
      ...presentPrompt(prompt),
      results: resultsByPrompt.get(prompt.id) ?? [],
    })),
    metrics: report.metrics ?? null,
  };
}

/** PATCH rules (spec §7): draft → every field; completed/failed → only `name`; processing → nothing. */
function assertReportModifiable(status: repo.ReportStatus, input: UpdateReportInput): void {
  if (status === 'processing') {
    throw new ApiError('report_not_modifiable', 'A report cannot be changed while it is processing.', {
      status,
    });
  }
  const fields = Object.entries(input)
    .filter(([field, value]) => field !== 'name' && value !== undefined)
    .map(([field]) => field);
  if (status !== 'draft' && fields.length > 0) {
    throw new ApiError('report_not_modifiable', `Only \`name\` can be changed on a ${status} report.`, {
      status,
      fields,
    });
  }
}

export async function updateReport(
  deps: Deps,
  principal: Principal,
  reportId: string,
  input: UpdateReportInput,
): Promise<ReportJson> {
  const report = await requireReport(deps, principal, reportId);
  assertReportModifiable(report.status, input);
  const row = await repo.updateReportIfStatus(deps.database.db, report.id, report.status, {
    name: input.name,
    aiPlatforms: input.ai_platforms,
    country: input.country,
    language: input.language,
    location: input.location,
    samples: input.samples,
    updatedAt: deps.clock.now(),
  });
  if (!row) {
    throw new ApiError('report_not_modifiable', 'The report changed state meanwhile; read it and retry.');
  }
  return presentOne(deps, row);
}

export async function deleteReport(deps: Deps, principal: Principal, reportId: string): Promise<void> {
  const report = await requireReport(deps, principal, reportId);
  await deps.database.db.transaction((tx) => repo.deleteReport(tx, report.id, deps.clock.now()));
}
