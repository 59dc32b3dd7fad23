import { z } from 'zod';
import { DOMAIN_CATEGORIES } from '../../analysis/domains.ts';
import { REPORT_STATUSES } from '../../db/schema/reports.ts';
import { uuid } from '../../http/schemas.ts';

const percent = z.number().nullable();

const highlightSchema = z
  .object({ category: z.string(), trend: z.enum(['up', 'down', 'flat']), text: z.string() })
  .meta({ id: 'ReportHighlight' });

const analysisFields = {
  summary: z.string().nullable(),
  highlights: z.array(highlightSchema),
};

export const reportSummarySchema = z
  .object({
    object: z.literal('report_summary'),
    report_id: uuid,
    status: z.enum(REPORT_STATUSES),
    visibility_score: percent,
    visibility_interval: z.object({ low: z.number(), high: z.number() }).nullable(),
    n: z.number().int().nullable(),
    share_of_voice: percent,
    average_position: z.number().nullable(),
    sentiment: z
      .object({ positive: z.number().int(), neutral: z.number().int(), negative: z.number().int() })
      .nullable(),
    competitors: z
      .array(
        z.object({
          name: z.string(),
          visibility_score: percent,
          mentions: z.number().int(),
          average_position: z.number().nullable(),
        }),
      )
      .nullable(),
    citation_share: percent,
    top_cited_domains: z
      .array(
        z.object({
          domain: z.string(),
          count: z.number().int(),
          domain_category: z.enum(DOMAIN_CATEGORIES),
          owned: z.boolean(),
        }),
      )
      .nullable(),
    methodology_version: z.string().nullable(),
    previous_report_id: uuid.nullable(),
    ai_suggestion: z.string().nullable(),
    ai_analysis: z.object(analysisFields),
    gaps: z.array(
      z.object({
        prompt_text: z.string(),
        category: z.string().nullable(),
        competitors: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'ReportSummary' });
export type ReportSummaryJson = z.infer<typeof reportSummarySchema>;

export const reportAiAnalysisSchema = z
  .object({
    object: z.literal('report_ai_analysis'),
    report_id: uuid,
    ...analysisFields,
    ai_suggestion: z.string().nullable(),
    generated_by: z.literal('deterministic'),
  })
  .meta({ id: 'ReportAiAnalysis' });
export type ReportAiAnalysisJson = z.infer<typeof reportAiAnalysisSchema>;
