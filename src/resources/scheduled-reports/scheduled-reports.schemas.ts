import { z } from 'zod';
import { pageSchema } from '../../http/pagination.ts';
import { idParams, timestamp, uuid } from '../../http/schemas.ts';
import { FREQUENCIES } from '../../work/cadence.ts';
import { brandListQuery, runStateFields } from './brand-scoped.schemas.ts';

const name = z.string().trim().min(1).max(200);
const frequency = z.enum(FREQUENCIES);

export const scheduledReportSchema = z
  .object({
    id: uuid,
    object: z.literal('scheduled_report'),
    brand_id: uuid,
    name: z.string(),
    frequency,
    is_active: z.boolean(),
    next_run_at: timestamp,
    ...runStateFields,
    created_at: timestamp,
  })
  .meta({ id: 'ScheduledReport' });
export type ScheduledReportJson = z.infer<typeof scheduledReportSchema>;

export const createScheduledReportBody = z
  .strictObject({ brand_id: uuid, name, frequency })
  .meta({ id: 'CreateScheduledReport' });
export type CreateScheduledReportInput = z.infer<typeof createScheduledReportBody>;

export const updateScheduledReportBody = z
  .strictObject({
    name: name.optional(),
    frequency: frequency
      .optional()
      .describe('Does not move `next_run_at`: send both to change the phase of the schedule.'),
    is_active: z
      .boolean()
      .optional()
      .describe(
        'Pausing keeps the schedule, its region configs and their history. Resuming a schedule whose ' +
          '`next_run_at` has passed moves it to the next slot after now instead of running at once.',
      ),
    // Kept a string here (parsed in the service): a transform would hide its type from OpenAPI.
    next_run_at: z.iso.datetime({ offset: true }).optional().meta({ example: '2026-01-05T09:00:00.000Z' }),
  })
  .meta({ id: 'UpdateScheduledReport' });
export type UpdateScheduledReportInput = z.infer<typeof updateScheduledReportBody>;

export const scheduledReportParams = idParams('scheduled_report_id');
export const listScheduledReportsQuery = z.object({
  ...brandListQuery,
  frequency: frequency.optional(),
});
export type ListScheduledReportsQuery = z.infer<typeof listScheduledReportsQuery>;
export const scheduledReportPage = pageSchema(scheduledReportSchema);
