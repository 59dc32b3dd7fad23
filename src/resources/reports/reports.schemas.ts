import { z } from 'zod';
import { REPORT_STATUSES } from '../../db/schema/reports.ts';
import { PLATFORMS } from '../../engines/types.ts';
import { pageSchema, paginationQuery } from '../../http/pagination.ts';
import { idParams, language, nullableTimestamp, timestamp, uuid } from '../../http/schemas.ts';
import { promptSchema } from './report-prompts.schemas.ts';

const name = z.string().trim().min(1).max(200);
const country = z.string().trim().min(1).max(100);
const location = z.string().trim().min(1).max(200);
const samples = z.number().int().min(1).max(5);
const aiPlatforms = z
  .array(z.enum(PLATFORMS))
  .min(1)
  .max(10)
  .refine((platforms) => new Set(platforms).size === platforms.length, {
    message: 'Each platform may appear once.',
  });

export const reportSchema = z
  .object({
    id: uuid,
    object: z.literal('report'),
    brand_id: uuid,
    name: z.string(),
    status: z.enum(REPORT_STATUSES),
    ai_platforms: z.array(z.string()),
    country: z.string().nullable(),
    language: z.string().nullable(),
    location: z.string().nullable(),
    samples: z.number().int(),
    region_config_id: uuid.nullable(),
    scheduled_report_id: uuid.nullable(),
    batch_id: uuid.nullable(),
    failure_reason: z.string().nullable(),
    visibility_score: z.number().nullable(),
    ranked_prompts: z.number().int(),
    total_results: z.number().int(),
    created_at: timestamp,
    completed_at: nullableTimestamp,
  })
  .meta({ id: 'Report' });
export type ReportJson = z.infer<typeof reportSchema>;

export const resultSchema = z
  .object({
    id: uuid,
    prompt_id: uuid,
    platform: z.string(),
    sample: z.number().int(),
    status: z.enum(['completed', 'failed']),
    model: z.string().nullable(),
    collected_via: z.string().nullable(),
    answer: z.string().nullable(),
    brand_mentioned: z.boolean().nullable(),
    brand_position: z.number().int().nullable(),
    sentiment: z.enum(['positive', 'neutral', 'negative']).nullable(),
    mentioned_brands: z.array(
      z.object({
        name: z.string(),
        tracked: z.boolean(),
        position: z.number().int().nullable(),
        sentiment: z.enum(['positive', 'neutral', 'negative']).nullable(),
      }),
    ),
    citations: z.array(
      z.object({ url: z.string(), domain: z.string(), title: z.string().nullable(), owned: z.boolean() }),
    ),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    created_at: timestamp,
  })
  .meta({ id: 'Result' });
export type ResultJson = z.infer<typeof resultSchema>;

export const reportDetailSchema = reportSchema
  .extend({
    prompts: z.array(promptSchema.extend({ results: z.array(resultSchema) })),
    metrics: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'ReportDetail' });
export type ReportDetailJson = z.infer<typeof reportDetailSchema>;

export const createReportBody = z
  .strictObject({
    brand_id: uuid,
    name: name.optional(),
    ai_platforms: aiPlatforms.optional(),
    country: country.nullish(),
    language: language.optional(),
    location: location.nullish(),
    region_config_id: uuid.nullish(),
    samples: samples.default(1),
  })
  .meta({ id: 'CreateReport' });
export type CreateReportInput = z.infer<typeof createReportBody>;

export const updateReportBody = z
  .strictObject({
    name: name.optional(),
    ai_platforms: aiPlatforms.optional(),
    country: country.nullish(),
    language: language.optional(),
    location: location.nullish(),
    samples: samples.optional(),
  })
  .meta({ id: 'UpdateReport' });
export type UpdateReportInput = z.infer<typeof updateReportBody>;

export const listReportsQuery = z.object({
  ...paginationQuery,
  brand_id: uuid,
  status: z.enum(REPORT_STATUSES).optional(),
  search: z.string().max(200).optional(),
  scheduled_report_id: uuid.optional(),
  batch_id: uuid.optional(),
});
export type ListReportsQuery = z.infer<typeof listReportsQuery>;

export const reportParams = idParams('report_id');
export const reportPage = pageSchema(reportSchema);
