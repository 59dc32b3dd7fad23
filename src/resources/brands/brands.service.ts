import { iso } from '../../clock.ts';
import type { Deps } from '../../deps.ts';
import { ApiError } from '../../http/errors.ts';
import { decodeCursor, type Page, toPage } from '../../http/pagination.ts';
import { assertBrandAllowed, type Principal } from '../../http/principal.ts';
import * as repo from './brands.repo.ts';
import type { BrandJson, CreateBrandInput, ListBrandsQuery, UpdateBrandInput } from './brands.schemas.ts';

export function presentBrand(row: repo.BrandRow): BrandJson {
  return {
    id: row.id,
    object: 'brand',
    name: row.name,
    website: row.website,
    brand_aliases: row.brandAliases,
    categories: row.categories,
    country: row.country,
    language: row.language,
    brand_info_summary: row.brandInfoSummary,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

/**
 * The brand as this key may see it: 404 when it is another tenant's (exactly as when it does not
 * exist), 403 when the key is restricted to another brand. Every brand-scoped service starts here.
 */
export async function requireBrand(
  deps: Deps,
  principal: Principal,
  brandId: string,
): Promise<repo.BrandRow> {
  const brand = await repo.findBrand(deps.database.db, principal, brandId);
  if (!brand) throw new ApiError('not_found', 'No such brand.');
  assertBrandAllowed(principal, brand.id);
  return brand;
}

export async function listBrands(
  deps: Deps,
  principal: Principal,
  query: ListBrandsQuery,
): Promise<Page<BrandJson>> {
  const rows = await repo.listBrands(deps.database.db, principal, {
    limit: query.limit,
    afterId: decodeCursor(query.cursor),
    search: query.search,
  });
  return toPage(rows, query.limit, presentBrand);
}

export async function createBrand(
  deps: Deps,
  principal: Principal,
  input: CreateBrandInput,
): Promise<BrandJson> {
  if (principal.allowedBrandId !== null) {
    throw new ApiError('brand_not_authorized', 'A brand-restricted key cannot create brands.', {
      allowed_brand_id: principal.allowedBrandId,
    });
  }
  const now = deps.clock.now();
  const row = await repo.insertBrand(deps.database.db, {
    id: deps.newId(),
    accountId: principal.accountId,
    mode: principal.mode,
    name: input.name,
    website: input.website,
    brandAliases: input.brand_aliases,
    categories: input.categories,
    country: input.country ?? null,
    language: input.language ?? null,
    brandInfoSummary: input.brand_info_summary ?? null,
    createdAt: now,
    updatedAt: now,
  });
  return presentBrand(row);
}

export async function getBrand(deps: Deps, principal: Principal, brandId: string): Promise<BrandJson> {
  return presentBrand(await requireBrand(deps, principal, brandId));
}

export async function updateBrand(
  deps: Deps,
  principal: Principal,
  brandId: string,
  input: UpdateBrandInput,
): Promise<BrandJson> {
  await requireBrand(deps, principal, brandId);
  const row = await repo.updateBrand(deps.database.db, brandId, {
    name: input.name,
    website: input.website,
    brandAliases: input.brand_aliases,
    categories: input.categories,
    country: input.country,
    language: input.language,
    brandInfoSummary: input.brand_info_summary,
    updatedAt: deps.clock.now(),
  });
  return presentBrand(row);
}

export async function deleteBrand(deps: Deps, principal: Principal, brandId: string): Promise<void> {
  await requireBrand(deps, principal, brandId);
  await deps.database.db.transaction((tx) => repo.deleteBrand(tx, brandId, deps.clock.now()));
}
