import { iso } from '../../clock.ts';
import type { PromptRow } from './report-prompts.repo.ts';
import type { PromptJson } from './report-prompts.schemas.ts';
import type { ReportRow, ResultRow } from './reports.repo.ts';
import type { ReportJson, ResultJson } from './reports.schemas.ts';

export function presentReport(row: ReportRow, rankedPrompts: number): ReportJson {
  return {
    id: row.id,
    object: 'report',
    brand_id: row.brandId,
    name: row.name,
    status: row.status,
    ai_platforms: row.aiPlatforms,
    country: row.country,
    language: row.language,
    location: row.location,
    samples: row.samples,
    region_config_id: row.regionConfigId,
    scheduled_report_id: row.scheduledReportId,
    batch_id: row.batchId,
    failure_reason: row.failureReason,
    visibility_score: row.status === 'completed' ? row.visibilityScore : null,
    ranked_prompts: rankedPrompts,
    total_results: row.totalResults,
    created_at: iso(row.createdAt),
    completed_at: iso(row.completedAt),
  };
}

export function presentResult(row: ResultRow): ResultJson {
  return {
    id: row.id,
    prompt_id: row.promptId,
    platform: row.platform,
    sample: row.sample,
    status: row.status,
    model: row.model,
    collected_via: row.collectedVia,
    answer: row.answer,
    brand_mentioned: row.brandMentioned,
    brand_position: row.brandPosition,
    sentiment: row.sentiment,
    mentioned_brands: row.mentionedBrands,
    // The stored citation also carries its domain category; the result shape (spec §8) does not.
    citations: row.citations.map(({ url, domain, title, owned }) => ({ url, domain, title, owned })),
    error: row.error ?? null,
    created_at: iso(row.createdAt),
  };
}

export function presentPrompt(row: PromptRow): PromptJson {
  return {
    id: row.id,
    object: 'report_prompt',
    report_id: row.reportId,
    prompt_text: row.promptText,
    category: row.category,
    created_at: iso(row.createdAt),
  };
}
