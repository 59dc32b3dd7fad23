import { z } from 'zod';
import { JOB_STATUSES, JOB_TYPES } from '../../db/schema/index.ts';
import { pageSchema, paginationQuery } from '../../http/pagination.ts';
import { idParams, nullableTimestamp, timestamp, uuid } from '../../http/schemas.ts';

export const jobSchema = z
  .object({
    id: uuid,
    object: z.literal('job'),
    type: z.enum(JOB_TYPES),
    status: z.enum(JOB_STATUSES),
    step: z.string().nullable(),
    message: z.string().nullable(),
    completed: z.number().int(),
    total: z.number().int(),
    brand_id: uuid.nullable(),
    report_id: uuid.nullable(),
    scheduled_report_id: uuid.nullable(),
    result: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe('What the job produced, e.g. `{ report_ids }`; null until it completes.'),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    created_at: timestamp,
    started_at: nullableTimestamp,
    finished_at: nullableTimestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Job' });
export type JobJson = z.infer<typeof jobSchema>;

export const jobParams = idParams('job_id');
export const listJobsQuery = z.object({
  ...paginationQuery,
  status: z.enum(JOB_STATUSES).optional(),
  type: z.enum(JOB_TYPES).optional(),
});
export type ListJobsQuery = z.infer<typeof listJobsQuery>;
export const jobPage = pageSchema(jobSchema);
