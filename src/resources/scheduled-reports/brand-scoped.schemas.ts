/** Schemas shared by scheduled reports and region configs: both are listed per brand and record their last run. */
import { z } from 'zod';
import { RUN_STATUSES } from '../../db/schema/index.ts';
import { paginationQuery } from '../../http/pagination.ts';
import { booleanQuery, nullableTimestamp, uuid } from '../../http/schemas.ts';

export const brandListQuery = {
  ...paginationQuery,
  brand_id: uuid,
  is_active: booleanQuery.optional(),
  search: z.string().max(200).optional(),
};

export const runStateFields = {
  last_run_at: nullableTimestamp,
  last_run_status: z.enum(RUN_STATUSES).nullable(),
  last_error_message: z.string().nullable(),
};
