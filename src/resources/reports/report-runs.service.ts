import type { Deps } from '../../deps.ts';
import { ApiError } from '../../http/errors.ts';
import type { Principal } from '../../http/principal.ts';
import { clearCollectedAnswers } from '../../work/collection.repo.ts';
import { reportRunCost } from '../../work/cost.ts';
import { assertPlatformsAvailable, enqueueJob } from '../../work/dispatch.ts';
import { countPrompts, hasBrandFacts, lockReportStatus } from './report-prompts.repo.ts';
import { updateReportIfStatus } from './reports.repo.ts';
import { requireReport } from './reports.service.ts';

/**
 * `POST /v1/reports/{id}/runs`: preconditions in the spec's order — state, prompts, facts, platforms,
 * balance — then the report moves to `processing` and its job is queued, in one transaction.
 */
export async function dispatchReportRun(
  deps: Deps,
  principal: Principal,
  reportId: string,
  requestId: string,
) {
  const report = await requireReport(deps, principal, reportId);
  const job = await deps.database.db.transaction(async (tx) => {
    const status = await lockReportStatus(tx, reportId);
    if (status !== 'draft' && status !== 'failed') {
      throw new ApiError(
        'report_not_modifiable',
        `A ${status} report cannot be run; only draft or failed ones.`,
      );
    }
    const promptCount = await countPrompts(tx, reportId);
    if (promptCount === 0) throw new ApiError('prompts_required');
    if (!(await hasBrandFacts(tx, report.brandId))) throw new ApiError('brand_facts_required');
    assertPlatformsAvailable(deps, principal, report.aiPlatforms);
    const now = deps.clock.now();
    await clearCollectedAnswers(tx, reportId);
    await updateReportIfStatus(tx, reportId, status, {
      status: 'processing',
      failureReason: null,
      visibilityScore: null,
      metrics: null,
      totalResults: 0,
      completedAt: null,
      updatedAt: now,
    });
    return enqueueJob(tx, deps, principal, {
      type: 'report.run',
      brandId: report.brandId,
      reportId,
      payload: { report_ids: [reportId] },
      cost: reportRunCost({ promptCount, platforms: report.aiPlatforms, samples: report.samples }),
      requestId,
      message: 'Waiting for a worker',
    });
  });
  return { job_id: job.id, report_id: reportId, object: 'report.run' as const };
}
