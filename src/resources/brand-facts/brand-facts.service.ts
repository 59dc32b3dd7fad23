import { iso } from '../../clock.ts';
import type { Deps } from '../../deps.ts';
import { ApiError } from '../../http/errors.ts';
import type { Principal } from '../../http/principal.ts';
import { requireBrand } from '../brands/brands.service.ts';
import * as repo from './brand-facts.repo.ts';
import type { BrandFactsJson, UpdateBrandFactsInput } from './brand-facts.schemas.ts';

export function presentFacts(row: repo.BrandFactsRow): BrandFactsJson {
  return {
    brand_id: row.brandId,
    object: 'brand_facts',
    description: row.description,
    tagline: row.tagline,
    mission_statement: row.missionStatement,
    value_proposition: row.valueProposition,
    industry: row.industry,
    company_size: row.companySize,
    founded_year: row.foundedYear,
    headquarters: row.headquarters,
    key_facts: row.keyFacts,
    key_people: row.keyPeople,
    products: row.products,
    services: row.services,
    competitors: row.competitors,
    research_status: row.researchStatus,
    updated_at: iso(row.updatedAt),
  };
}

export async function getFacts(deps: Deps, principal: Principal, brandId: string): Promise<BrandFactsJson> {
  await requireBrand(deps, principal, brandId);
  const row = await repo.findFacts(deps.database.db, brandId);
  if (!row) throw new ApiError('facts_not_generated');
  return presentFacts(row);
}

/** Merges the fields sent into the brand's facts (creating them when absent); the research status is left alone. */
export async function updateFacts(
  deps: Deps,
  principal: Principal,
  brandId: string,
  input: UpdateBrandFactsInput,
): Promise<BrandFactsJson> {
  await requireBrand(deps, principal, brandId);
  const row = await repo.upsertFacts(deps.database.db, brandId, {
    description: input.description,
    tagline: input.tagline,
    missionStatement: input.mission_statement,
    valueProposition: input.value_proposition,
    industry: input.industry,
    companySize: input.company_size,
    foundedYear: input.founded_year,
    headquarters: input.headquarters,
    keyFacts: input.key_facts,
    keyPeople: input.key_people?.map((person) => ({ name: person.name, role: person.role ?? null })),
    products: input.products?.map(namedEntry),
    services: input.services?.map(namedEntry),
    competitors: input.competitors?.map((competitor) => ({
      name: competitor.name,
      website: competitor.website ?? null,
      aliases: competitor.aliases,
    })),
    updatedAt: deps.clock.now(),
  });
  return presentFacts(row);
}

function namedEntry(entry: { name: string; description?: string | null }) {
  return { name: entry.name, description: entry.description ?? null };
}
