import type { ReportMetrics } from '../../analysis/metrics.ts';
import { buildReportSummary, type PromptRow, type ReportSummary } from '../../analysis/summary.ts';
import type { Deps } from '../../deps.ts';
import type { Principal } from '../../http/principal.ts';
import { requireBrand } from '../brands/brands.service.ts';
import { listPrompts } from './report-prompts.repo.ts';
import { findPreviousCompletedReport } from './report-summary.repo.ts';
import type { ReportAiAnalysisJson, ReportSummaryJson } from './report-summary.schemas.ts';
import { listResults, type ReportRow, type ResultRow } from './reports.repo.ts';
import { requireReport } from './reports.service.ts';

interface Summarised {
  report: ReportRow;
  metrics: ReportMetrics | null;
  previousReportId: string | null;
  summary: ReportSummary | null;
}

/** `reports.metrics` is written only by the run's finalizer, from `computeReportMetrics`. */
function metricsOf(row: Pick<ReportRow, 'status' | 'metrics'> | undefined): ReportMetrics | null {
  if (row?.status !== 'completed') return null;
  const metrics = row.metrics;
  if (!metrics || typeof metrics.methodology_version !== 'string') return null;
  return metrics as unknown as ReportMetrics;
}

/** Per prompt, from its completed answers: was the brand named, which tracked competitors were. */
function promptRows(
  prompts: Array<{ id: string; promptText: string; category: string | null }>,
  results: ResultRow[],
): PromptRow[] {
  return prompts.map((prompt) => {
    const answers = results.filter(
      (result) => result.promptId === prompt.id && result.status === 'completed',
    );
    return {
      prompt_text: prompt.promptText,
      category: prompt.category,
      brand_mentioned_any: answers.some((result) => result.brandMentioned === true),
      // The brand's own entry is the one at its position; every other tracked name is a competitor.
      competitors_mentioned: answers.flatMap((result) =>
        result.mentionedBrands
          .filter(
            (entry) =>
              entry.tracked && !(result.brandMentioned === true && entry.position === result.brandPosition),
          )
          .map((entry) => entry.name),
      ),
    };
  });
}

async function summarise(deps: Deps, principal: Principal, reportId: string): Promise<Summarised> {
  const report = await requireReport(deps, principal, reportId);
  const metrics = metricsOf(report);
  if (metrics === null) return { report, metrics, previousReportId: null, summary: null };
  const db = deps.database.db;
  const brand = await requireBrand(deps, principal, report.brandId);
  const previous = await findPreviousCompletedReport(db, report);
  const prompts = promptRows(await listPrompts(db, report.id), await listResults(db, report.id));
  const summary = buildReportSummary({
    brand_name: brand.name,
    current: metrics,
    previous: metricsOf(previous),
    prompts,
  });
  return { report, metrics, previousReportId: previous?.id ?? null, summary };
}

export async function getReportSummary(
  deps: Deps,
  principal: Principal,
  reportId: string,
): Promise<ReportSummaryJson> {
  const { report, metrics, previousReportId, summary } = await summarise(deps, principal, reportId);
  return {
    object: 'report_summary',
    report_id: report.id,
    status: report.status,
    visibility_score: metrics?.visibility_score ?? null,
    visibility_interval: metrics?.visibility_interval ?? null,
    n: metrics?.n ?? null,
    share_of_voice: metrics?.share_of_voice ?? null,
    average_position: metrics?.average_position ?? null,
    sentiment: metrics?.sentiment ?? null,
    competitors: metrics?.competitors ?? null,
    citation_share: metrics?.citation_share ?? null,
    top_cited_domains: metrics?.top_cited_domains ?? null,
    methodology_version: metrics?.methodology_version ?? null,
    previous_report_id: previousReportId,
    ai_suggestion: summary?.ai_suggestion ?? null,
    ai_analysis: summary?.ai_analysis ?? { summary: null, highlights: [] },
    gaps: summary?.gaps ?? [],
  };
}

export async function getReportAiAnalysis(
  deps: Deps,
  principal: Principal,
  reportId: string,
): Promise<ReportAiAnalysisJson> {
  const { report, summary } = await summarise(deps, principal, reportId);
  return {
    object: 'report_ai_analysis',
    report_id: report.id,
    summary: summary?.ai_analysis.summary ?? null,
    highlights: summary?.ai_analysis.highlights ?? [],
    ai_suggestion: summary?.ai_suggestion ?? null,
    generated_by: 'deterministic',
  };
}
