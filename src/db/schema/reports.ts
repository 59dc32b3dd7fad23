import { boolean, index, integer, jsonb, pgTable, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { AnalysedCitation, MentionedBrand } from '../../analysis/types.ts';
import type { Platform } from '../../engines/types.ts';
import { brands } from './brands.ts';
import { at } from './columns.ts';
import { regionConfigs, scheduledReports } from './schedules.ts';

export const REPORT_STATUSES = ['draft', 'processing', 'completed', 'failed'] as const;

export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey(),
    brandId: uuid('brand_id')
      .notNull()
      .references(() => brands.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    status: text('status', { enum: REPORT_STATUSES }).notNull(),
    aiPlatforms: text('ai_platforms').array().$type<Platform[]>().notNull(),
    country: text('country'),
    language: text('language'),
    location: text('location'),
    samples: integer('samples').notNull().default(1),
    regionConfigId: uuid('region_config_id').references(() => regionConfigs.id, { onDelete: 'set null' }),
    scheduledReportId: uuid('scheduled_report_id').references(() => scheduledReports.id, {
      onDelete: 'set null',
    }),
    batchId: uuid('batch_id'),
    failureReason: text('failure_reason'),
    visibilityScore: real('visibility_score'),
    metrics: jsonb('metrics').$type<Record<string, unknown>>(),
    totalResults: integer('total_results').notNull().default(0),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
    completedAt: at('completed_at'),
  },
  (t) => [
    index('reports_brand_id_idx').on(t.brandId, t.id),
    index('reports_region_config_id_idx').on(t.regionConfigId),
    index('reports_scheduled_report_id_idx').on(t.scheduledReportId),
    index('reports_batch_id_idx').on(t.batchId),
  ],
);

export const reportPrompts = pgTable(
  'report_prompts',
  {
    id: uuid('id').primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    promptText: text('prompt_text').notNull(),
    category: text('category'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [index('report_prompts_report_id_idx').on(t.reportId, t.id)],
);

export type { AnalysedCitation as ResultCitation, MentionedBrand } from '../../analysis/types.ts';

export const results = pgTable(
  'results',
  {
    id: uuid('id').primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    promptId: uuid('prompt_id')
      .notNull()
      .references(() => reportPrompts.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    sample: integer('sample').notNull(),
    status: text('status', { enum: ['completed', 'failed'] }).notNull(),
    model: text('model'),
    collectedVia: text('collected_via'),
    answer: text('answer'),
    brandMentioned: boolean('brand_mentioned'),
    brandPosition: integer('brand_position'),
    sentiment: text('sentiment', { enum: ['positive', 'neutral', 'negative'] }),
    mentionedBrands: jsonb('mentioned_brands').$type<MentionedBrand[]>().notNull(),
    citations: jsonb('citations').$type<AnalysedCitation[]>().notNull(),
    error: jsonb('error').$type<{ code: string; message: string } | null>(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    // Every answer is stored once, however often its task is retried or taken over.
    uniqueIndex('results_one_per_answer').on(t.reportId, t.promptId, t.platform, t.sample),
    index('results_prompt_id_idx').on(t.promptId),
  ],
);

/** One row per (brand, URL); occurrences say where it was cited. */
export const citations = pgTable(
  'citations',
  {
    id: uuid('id').primaryKey(),
    brandId: uuid('brand_id')
      .notNull()
      .references(() => brands.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    domain: text('domain').notNull(),
    title: text('title'),
    owned: boolean('owned').notNull(),
    domainCategory: text('domain_category').notNull(),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('citations_brand_url_key').on(t.brandId, t.url),
    index('citations_brand_domain_idx').on(t.brandId, t.domain),
  ],
);

export const citationOccurrences = pgTable(
  'citation_occurrences',
  {
    citationId: uuid('citation_id')
      .notNull()
      .references(() => citations.id, { onDelete: 'cascade' }),
    resultId: uuid('result_id')
      .notNull()
      .references(() => results.id, { onDelete: 'cascade' }),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('citation_occurrences_key').on(t.citationId, t.resultId),
    index('citation_occurrences_result_id_idx').on(t.resultId),
    index('citation_occurrences_report_id_idx').on(t.reportId, t.citationId),
  ],
);
