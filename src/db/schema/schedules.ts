import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { Platform } from '../../engines/types.ts';
import { brands } from './brands.ts';
import { at } from './columns.ts';
import { reports } from './reports.ts';

export const RUN_STATUSES = ['processing', 'completed', 'failed'] as const;

export const scheduledReports = pgTable(
  'scheduled_reports',
  {
    id: uuid('id').primaryKey(),
    brandId: uuid('brand_id')
      .notNull()
      .references(() => brands.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    frequency: text('frequency', { enum: ['daily', 'weekly', 'monthly'] }).notNull(),
    isActive: boolean('is_active').notNull(),
    nextRunAt: at('next_run_at').notNull(),
    lastRunAt: at('last_run_at'),
    lastRunStatus: text('last_run_status', { enum: RUN_STATUSES }),
    lastErrorMessage: text('last_error_message'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    index('scheduled_reports_brand_id_idx').on(t.brandId, t.id),
    index('scheduled_reports_due_idx').on(t.nextRunAt).where(sql`${t.isActive}`),
  ],
);

export const regionConfigs = pgTable(
  'region_configs',
  {
    id: uuid('id').primaryKey(),
    brandId: uuid('brand_id')
      .notNull()
      .references(() => brands.id, { onDelete: 'cascade' }),
    scheduledReportId: uuid('scheduled_report_id')
      .notNull()
      .references(() => scheduledReports.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    country: text('country').notNull(),
    language: text('language').notNull(),
    location: text('location'),
    aiPlatforms: text('ai_platforms').array().$type<Platform[]>().notNull(),
    samples: integer('samples').notNull().default(1),
    isActive: boolean('is_active').notNull(),
    sourceReportId: uuid('source_report_id').references((): AnyPgColumn => reports.id, {
      onDelete: 'set null',
    }),
    lastRunAt: at('last_run_at'),
    lastRunStatus: text('last_run_status', { enum: RUN_STATUSES }),
    lastErrorMessage: text('last_error_message'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    index('region_configs_brand_id_idx').on(t.brandId, t.id),
    index('region_configs_scheduled_report_id_idx').on(t.scheduledReportId),
    index('region_configs_source_report_id_idx').on(t.sourceReportId),
  ],
);

export const regionConfigPrompts = pgTable(
  'region_config_prompts',
  {
    id: uuid('id').primaryKey(),
    regionConfigId: uuid('region_config_id')
      .notNull()
      .references(() => regionConfigs.id, { onDelete: 'cascade' }),
    promptText: text('prompt_text').notNull(),
    category: text('category'),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [index('region_config_prompts_region_config_id_idx').on(t.regionConfigId, t.id)],
);
