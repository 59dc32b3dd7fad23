import { call, testDeps } from '../../../test/harness.ts';
import type { ReportMetrics } from '../../analysis/metrics.ts';
import { buildReportSummary, type PromptRow } from '../../analysis/summary.ts';
import { newId } from '../../clock.ts';
import { reports } from '../../db/schema/index.ts';
import { acmeCrm } from '../citations/citations.fixtures.ts';

/** Test-only helpers for the summary tests: expected bodies and report rows only a run would write. */

export type Json = Record<string, unknown>;
export interface Detail {
  status: string;
  completed_at: string;
  metrics: ReportMetrics;
  prompts: Array<{
    prompt_text: string;
    category: string | null;
    results: Array<{
      status: string;
      brand_mentioned: boolean | null;
      mentioned_brands: Array<{ name: string; tracked: boolean }>;
    }>;
  }>;
}

export async function detailOf(key: string, reportId: string): Promise<Detail> {
  return (await call<Detail>(key, 'GET', `/v1/reports/${reportId}`)).body;
}

/** The summary as the analyzer writes it from the report's stored metrics and results. */
export function expectedSummary(
  reportId: string,
  detail: Detail,
  previous: { id: string; metrics: ReportMetrics } | null,
): Json {
  const prompts: PromptRow[] = detail.prompts.map((prompt) => {
    const answers = prompt.results.filter((result) => result.status === 'completed');
    return {
      prompt_text: prompt.prompt_text,
      category: prompt.category,
      brand_mentioned_any: answers.some((result) => result.brand_mentioned === true),
      competitors_mentioned: answers.flatMap((result) =>
        result.mentioned_brands
          .filter((entry) => entry.tracked && entry.name !== acmeCrm.name)
          .map((entry) => entry.name),
      ),
    };
  });
  const metrics = detail.metrics;
  const built = buildReportSummary({
    brand_name: acmeCrm.name,
    current: metrics,
    previous: previous?.metrics ?? null,
    prompts,
  });
  return {
    object: 'report_summary',
    report_id: reportId,
    status: 'completed',
    visibility_score: metrics.visibility_score,
    visibility_interval: metrics.visibility_interval,
    n: metrics.n,
    share_of_voice: metrics.share_of_voice,
    average_position: metrics.average_position,
    sentiment: metrics.sentiment,
    competitors: metrics.competitors,
    citation_share: metrics.citation_share,
    top_cited_domains: metrics.top_cited_domains,
    methodology_version: metrics.methodology_version,
    previous_report_id: previous?.id ?? null,
    ...built,
  };
}

/** A completed report row as a run would leave it, completed at `completedAt`. */
export async function insertCompleted(
  brandId: string,
  regionConfigId: string | null,
  metrics: ReportMetrics,
  completedAt: Date,
): Promise<string> {
  const id = newId();
  await (await testDeps()).database.db.insert(reports).values({
    id,
    brandId,
    name: 'Inserted',
    status: 'completed',
    aiPlatforms: ['chatgpt'],
    regionConfigId,
    visibilityScore: metrics.visibility_score,
    metrics: metrics as unknown as Record<string, unknown>,
    createdAt: completedAt,
    updatedAt: completedAt,
    completedAt,
  });
  return id;
}

/** Moves every category's rate 30 points away from the current one: up when it can, else down. */
export function shifted(metrics: ReportMetrics): { metrics: ReportMetrics; trends: Record<string, string> } {
  const byCategory: ReportMetrics['by_category'] = {};
  const trends: Record<string, string> = {};
  for (const [category, entry] of Object.entries(metrics.by_category)) {
    const rate = entry.rate ?? 0;
    byCategory[category] = { ...entry, rate: rate >= 30 ? rate - 30 : rate + 30 };
    trends[category] = rate >= 30 ? 'up' : 'down';
  }
  return { metrics: { ...metrics, by_category: byCategory }, trends };
}

export const midway = (left: string, right: string) => new Date((Date.parse(left) + Date.parse(right)) / 2);
