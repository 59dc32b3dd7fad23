/** Rules shared by scheduled reports and region configs: both belong to a brand and record their last run. */
import { iso } from '../../clock.ts';
import type { RUN_STATUSES } from '../../db/schema/index.ts';
import type { Deps } from '../../deps.ts';
import { ApiError } from '../../http/errors.ts';
import type { Principal } from '../../http/principal.ts';
import { requireBrand } from '../brands/brands.service.ts';

/**
 * A row found through `inVisibleBrand`, checked against the key's brand restriction: 404 when it
 * does not exist for this tenant, 403 `brand_not_authorized` when the key is restricted elsewhere.
 */
export async function requireInBrand<Row extends { brandId: string }>(
  deps: Deps,
  principal: Principal,
  row: Row | undefined,
  noun: string,
): Promise<Row> {
  if (!row) throw new ApiError('not_found', `No such ${noun}.`);
  await requireBrand(deps, principal, row.brandId);
  return row;
}

export function presentRunState(row: {
  lastRunAt: Date | null;
  lastRunStatus: (typeof RUN_STATUSES)[number] | null;
  lastErrorMessage: string | null;
}) {
  return {
    last_run_at: iso(row.lastRunAt),
    last_run_status: row.lastRunStatus,
    last_error_message: row.lastErrorMessage,
  };
}
