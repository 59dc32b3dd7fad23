import { computeReportMetrics } from '../analysis/metrics.ts';
import type { Executor } from '../db/client.ts';
import { listResults, type ReportRow, recordRegionConfigRun, updateReport } from './collection.repo.ts';

export function marketKey(report: Pick<ReportRow, 'country' | 'language' | 'location'>): string {
  return [report.country ?? 'any', report.language ?? 'any', report.location].filter(Boolean).join('/');
}

/**
 * Rolls a report's stored results into its metrics. A report fails only when no answer at all could
 * be collected (spec §9); one failed answer does not fail it.
 */
export async function finalizeReport(
  tx: Executor,
  report: ReportRow,
  competitors: Array<{ name: string }>,
  now: Date,
): Promise<Pick<ReportRow, 'status' | 'failureReason'>> {
  const rows = await listResults(tx, report.id);
  const completed = rows.filter(({ result }) => result.status === 'completed');
  if (completed.length === 0) {
    const firstError = rows.find(({ result }) => result.error)?.result.error?.message ?? 'no answers';
    const reason = `No answer could be collected (${rows.length} attempted): ${firstError}`;
    await updateReport(tx, report.id, {
      status: 'failed',
      failureReason: reason,
      totalResults: rows.length,
      updatedAt: now,
    });
    if (report.regionConfigId)
      await recordRegionConfigRun(tx, report.regionConfigId, { status: 'failed', error: reason, now });
    return { status: 'failed', failureReason: reason };
  }
  const market = marketKey(report);
  const metrics = computeReportMetrics(
    rows.map(({ result, category }) => ({
      platform: result.platform,
      category,
      market,
      status: result.status,
      brand_mentioned: result.brandMentioned,
      brand_position: result.brandPosition,
      sentiment: result.sentiment,
      mentioned_brands: result.mentionedBrands,
      citations: result.citations,
    })),
    { competitors },
  );
  await updateReport(tx, report.id, {
    status: 'completed',
    failureReason: null,
    visibilityScore: metrics.visibility_score,
    metrics: metrics as unknown as Record<string, unknown>,
    totalResults: rows.length,
    completedAt: now,
    updatedAt: now,
  });
  if (report.regionConfigId)
    await recordRegionConfigRun(tx, report.regionConfigId, { status: 'completed', error: null, now });
  return { status: 'completed', failureReason: null };
}
