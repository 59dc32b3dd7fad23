import { suggestAliases } from '../../analysis/aliases.ts';
import type { Deps } from '../../deps.ts';
import { ApiError } from '../../http/errors.ts';
import type { Principal } from '../../http/principal.ts';
import { type BrandRow, findBrand } from '../brands/brands.repo.ts';
import type { BrandJson } from '../brands/brands.schemas.ts';
import { presentBrand, requireBrand } from '../brands/brands.service.ts';
import * as repo from './alias-suggestions.repo.ts';
import type { AliasSuggestionJson } from './alias-suggestions.schemas.ts';

/** Suggestions read the latest answers only, so the cost of a request stays bounded as reports pile up. */
export const ANSWER_WINDOW = 500;
/** The brand schema's cap on `brand_aliases`. */
export const MAX_ALIASES = 50;

function namesOf(brand: BrandRow): Set<string> {
  return new Set([brand.name, ...brand.brandAliases].map((name) => name.toLowerCase()));
}

export async function listAliasSuggestions(
  deps: Deps,
  principal: Principal,
  brandId: string,
): Promise<{ object: 'list'; data: AliasSuggestionJson[] }> {
  const brand = await requireBrand(deps, principal, brandId);
  const db = deps.database.db;
  const answers = await repo.listRecentAnswers(db, brand.id, ANSWER_WINDOW);
  const hidden = namesOf(brand);
  for (const name of await repo.listDismissedNames(db, brand.id)) hidden.add(name.toLowerCase());
  const suggestions = suggestAliases(
    { name: brand.name, aliases: brand.brandAliases, website: brand.website },
    answers,
  );
  return {
    object: 'list',
    data: suggestions
      .filter((suggestion) => !hidden.has(suggestion.business_name.toLowerCase()))
      .map((suggestion) => ({ object: 'alias_suggestion', ...suggestion })),
  };
}

function alreadyAccepted(businessName: string): ApiError {
  return new ApiError('alias_already_accepted', undefined, { business_name: businessName });
}

function capReached(): ApiError {
  return new ApiError('conflict', `A brand has at most ${MAX_ALIASES} aliases.`, { limit: MAX_ALIASES });
}

/**
 * Adds the name to `brand_aliases`. Any name is accepted, not only a current suggestion: suggestions
 * move as answers arrive, and a client acting on a list it read a moment ago should not fail.
 */
export async function acceptAliasSuggestion(
  deps: Deps,
  principal: Principal,
  brandId: string,
  businessName: string,
): Promise<BrandJson> {
  const brand = await requireBrand(deps, principal, brandId);
  if (namesOf(brand).has(businessName.toLowerCase())) throw alreadyAccepted(businessName);
  if (brand.brandAliases.length >= MAX_ALIASES) throw capReached();
  const updated = await deps.database.db.transaction(async (tx) => {
    const row = await repo.appendAlias(tx, brand.id, businessName, MAX_ALIASES, deps.clock.now());
    if (!row) {
      // Lost a race with another acceptance or an edit of the brand: report what blocked it.
      const current = await findBrand(tx, principal, brand.id);
      if (!current) throw new ApiError('not_found', 'No such brand.');
      throw namesOf(current).has(businessName.toLowerCase()) ? alreadyAccepted(businessName) : capReached();
    }
    // An accepted name is no longer dismissed, so removing the alias later brings the suggestion back.
    await repo.deleteDismissals(tx, brand.id, businessName);
    return row;
  });
  return presentBrand(updated);
}

/** Records the dismissal; dismissing a name twice, or one that is not suggested, is not an error. */
export async function dismissAliasSuggestion(
  deps: Deps,
  principal: Principal,
  brandId: string,
  businessName: string,
): Promise<void> {
  const brand = await requireBrand(deps, principal, brandId);
  await repo.insertDismissal(deps.database.db, {
    brandId: brand.id,
    businessName,
    createdAt: deps.clock.now(),
  });
}
