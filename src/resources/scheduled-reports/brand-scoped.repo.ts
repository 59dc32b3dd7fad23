/** SQL shared by scheduled reports and region configs, whose tables have the same brand-scoped shape. */
import { and, eq, ilike, lt, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { brands } from '../../db/schema/index.ts';
import { containsPattern } from '../../http/pagination.ts';
import type { Principal } from '../../http/principal.ts';
import { visibleBrands } from '../brands/brands.repo.ts';

export interface BrandListFilters {
  brandId: string;
  limit: number;
  afterId: string | null;
  isActive?: boolean;
  search?: string;
}

interface BrandScopedColumns {
  id: PgColumn;
  brandId: PgColumn;
  isActive: PgColumn;
  name: PgColumn;
}

/** The conditions of a brand's cursor list (newest first, so the cursor bounds ids from above). */
export function brandListConditions(columns: BrandScopedColumns, filters: BrandListFilters): SQL | undefined {
  return and(
    eq(columns.brandId, filters.brandId),
    filters.afterId ? lt(columns.id, filters.afterId) : undefined,
    filters.isActive === undefined ? undefined : eq(columns.isActive, filters.isActive),
    filters.search ? ilike(columns.name, containsPattern(filters.search)) : undefined,
  );
}

/** Rows whose brand belongs to the key's account and mode: another tenant's ids are never matched. */
export function inVisibleBrand(brandIdColumn: PgColumn, principal: Principal): SQL {
  return sql`${brandIdColumn} in (select ${brands.id} from ${brands} where ${visibleBrands(principal)})`;
}
