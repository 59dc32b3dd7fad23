import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.ts';
import { brands } from './brands.ts';
import { at } from './columns.ts';
import { reportPrompts, reports } from './reports.ts';
import { scheduledReports } from './schedules.ts';

export const JOB_TYPES = ['brand_facts.research', 'report.run', 'scheduled_report.execution'] as const;
export const JOB_STATUSES = ['pending', 'processing', 'completed', 'failed', 'cancelled'] as const;
export type JobType = (typeof JOB_TYPES)[number];
export type JobStatus = (typeof JOB_STATUSES)[number];

export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    mode: text('mode', { enum: ['live', 'test'] }).notNull(),
    type: text('type', { enum: JOB_TYPES }).notNull(),
    status: text('status', { enum: JOB_STATUSES }).notNull(),
    step: text('step'),
    message: text('message'),
    completed: integer('completed').notNull().default(0),
    total: integer('total').notNull().default(0),
    // Deleting a brand cancels its jobs but keeps them readable for their 7 days.
    brandId: uuid('brand_id').references(() => brands.id, { onDelete: 'set null' }),
    reportId: uuid('report_id').references(() => reports.id, { onDelete: 'set null' }),
    scheduledReportId: uuid('scheduled_report_id').references(() => scheduledReports.id, {
      onDelete: 'set null',
    }),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    result: jsonb('result').$type<Record<string, unknown> | null>(),
    error: jsonb('error').$type<{ code: string; message: string } | null>(),
    cost: integer('cost').notNull().default(0),
    requestId: text('request_id'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    runAt: at('run_at').notNull(),
    lockedBy: text('locked_by'),
    lockedUntil: at('locked_until'),
    createdAt: at('created_at').notNull(),
    startedAt: at('started_at'),
    finishedAt: at('finished_at'),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    index('jobs_account_mode_idx').on(t.accountId, t.mode, t.id),
    index('jobs_claimable_idx').on(t.runAt).where(sql`${t.status} in ('pending', 'processing')`),
    index('jobs_brand_id_idx').on(t.brandId),
    index('jobs_report_id_idx').on(t.reportId),
    index('jobs_scheduled_report_id_idx').on(t.scheduledReportId),
  ],
);

/** One answer to collect: a prompt asked on one platform, one sample. */
export const answerTasks = pgTable(
  'answer_tasks',
  {
    id: uuid('id').primaryKey(),
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    promptId: uuid('prompt_id')
      .notNull()
      .references(() => reportPrompts.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    sample: integer('sample').notNull(),
    status: text('status', { enum: ['pending', 'processing', 'completed', 'failed', 'cancelled'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    runAt: at('run_at').notNull(),
    lockedBy: text('locked_by'),
    lockedUntil: at('locked_until'),
    lastError: jsonb('last_error').$type<{ code: string; message: string } | null>(),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('answer_tasks_one_per_answer').on(t.reportId, t.promptId, t.platform, t.sample),
    index('answer_tasks_job_id_idx').on(t.jobId, t.status),
    index('answer_tasks_prompt_id_idx').on(t.promptId),
    index('answer_tasks_claimable_idx')
      .on(t.platform, t.runAt)
      .where(sql`${t.status} in ('pending', 'processing')`),
  ],
);
