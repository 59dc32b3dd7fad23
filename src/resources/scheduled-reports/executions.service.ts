import type { Executor } from '../../db/client.ts';
import type { Deps } from '../../deps.ts';
import { ApiError } from '../../http/errors.ts';
import type { Principal } from '../../http/principal.ts';
import { recordRegionConfigRun, recordScheduleRun } from '../../work/collection.repo.ts';
import { scheduleExecutionCost } from '../../work/cost.ts';
import { assertPlatformsAvailable, enqueueJob, type JobOwner } from '../../work/dispatch.ts';
import type { JobRow } from '../../work/jobs.repo.ts';
import { listPrompts } from '../region-configs/region-config-prompts.repo.ts';
import { listRegionConfigsOfSchedule, type RegionConfigRow } from '../region-configs/region-configs.repo.ts';
import { hasBrandFacts, insertPrompts } from '../reports/report-prompts.repo.ts';
import { insertReport } from '../reports/reports.repo.ts';
import type { ScheduledReportRow } from './scheduled-reports.repo.ts';
import { requireScheduledReport } from './scheduled-reports.service.ts';

export interface ExecutionOptions {
  /** Run only this region config (active or not); otherwise every active one. */
  regionConfigId?: string;
  requestId: string | null;
  owner: JobOwner;
}

async function configsToRun(tx: Executor, schedule: ScheduledReportRow, regionConfigId?: string) {
  const configs = await listRegionConfigsOfSchedule(tx, schedule.id);
  if (regionConfigId === undefined) return configs.filter((config) => config.isActive);
  const named = configs.filter((config) => config.id === regionConfigId);
  if (named.length === 0) throw new ApiError('not_found', 'No such region config on this schedule.');
  return named;
}

/**
 * One execution of a schedule, shared by `POST …/executions` and the scheduler: one report per region
 * config, seeded with its enabled prompts and sharing a `batch_id`, collected by one job. Runs in the
 * caller's transaction; never moves `next_run_at`.
 */
export async function startScheduleExecution(
  tx: Executor,
  deps: Deps,
  schedule: ScheduledReportRow,
  options: ExecutionOptions,
): Promise<{ job: JobRow; reportIds: string[] }> {
  if (!(await hasBrandFacts(tx, schedule.brandId))) throw new ApiError('brand_facts_required');
  const configs = await configsToRun(tx, schedule, options.regionConfigId);
  const seeded = await Promise.all(
    configs.map(async (config) => ({
      config,
      prompts: (await listPrompts(tx, config.id)).filter((prompt) => !prompt.disabled),
    })),
  );
  const runnable = seeded.filter((entry) => entry.prompts.length > 0);
  if (runnable.length === 0) {
    throw new ApiError('prompts_required', 'No region config of this schedule has enabled prompts to run.');
  }
  assertPlatformsAvailable(deps, options.owner, [
    ...new Set(runnable.flatMap(({ config }) => config.aiPlatforms)),
  ]);
  const now = deps.clock.now();
  const batchId = deps.newId();
  const reportIds: string[] = [];
  for (const { config, prompts } of runnable) {
    reportIds.push(await createSeededReport(tx, deps, schedule, config, prompts, batchId, now));
  }
  const job = await enqueueJob(tx, deps, options.owner, {
    type: 'scheduled_report.execution',
    brandId: schedule.brandId,
    scheduledReportId: schedule.id,
    payload: { report_ids: reportIds, batch_id: batchId },
    cost: scheduleExecutionCost(
      runnable.map(({ config, prompts }) => ({
        promptCount: prompts.length,
        platforms: config.aiPlatforms,
        samples: config.samples,
      })),
    ),
    requestId: options.requestId,
    message: 'Waiting for a worker',
  });
  await recordScheduleRun(tx, schedule.id, { status: 'processing', at: now, error: null, now });
  for (const { config } of runnable) {
    await recordRegionConfigRun(tx, config.id, { status: 'processing', at: now, error: null, now });
  }
  return { job, reportIds };
}

async function createSeededReport(
  tx: Executor,
  deps: Deps,
  schedule: ScheduledReportRow,
  config: RegionConfigRow,
  prompts: Array<{ promptText: string; category: string | null }>,
  batchId: string,
  now: Date,
): Promise<string> {
  const report = await insertReport(tx, {
    id: deps.newId(),
    brandId: schedule.brandId,
    name: `${schedule.name} — ${config.name}`,
    status: 'processing',
    aiPlatforms: config.aiPlatforms,
    country: config.country,
    language: config.language,
    location: config.location,
    samples: config.samples,
    regionConfigId: config.id,
    scheduledReportId: schedule.id,
    batchId,
    createdAt: now,
    updatedAt: now,
  });
  await insertPrompts(
    tx,
    prompts.map((prompt) => ({
      id: deps.newId(),
      reportId: report.id,
      promptText: prompt.promptText,
      category: prompt.category,
      createdAt: now,
      updatedAt: now,
    })),
  );
  return report.id;
}

/** `POST /v1/scheduled-reports/{id}/executions` → 202. */
export async function dispatchScheduleExecution(
  deps: Deps,
  principal: Principal,
  scheduleId: string,
  body: { region_config_id?: string } | null | undefined,
  requestId: string,
) {
  const schedule = await requireScheduledReport(deps, principal, scheduleId);
  const { job } = await deps.database.db.transaction((tx) =>
    startScheduleExecution(tx, deps, schedule, {
      regionConfigId: body?.region_config_id,
      requestId,
      owner: principal,
    }),
  );
  return { job_id: job.id, scheduled_report_id: schedule.id, object: 'scheduled_report.execution' as const };
}
