import type { DomainCategory } from '../../analysis/domains.ts';
import { hostOf } from '../../analysis/urls.ts';
import { iso } from '../../clock.ts';
import type { Deps } from '../../deps.ts';
import { ApiError } from '../../http/errors.ts';
import { decodeCursor, type Page, toPage } from '../../http/pagination.ts';
import type { Principal } from '../../http/principal.ts';
import { requireBrand } from '../brands/brands.service.ts';
import * as repo from './citations.repo.ts';
import type {
  CitationDetailJson,
  CitationDomainJson,
  CitationDomainsQuery,
  CitationJson,
  ListCitationsQuery,
} from './citations.schemas.ts';

interface Tally {
  count: number;
  platforms: Record<string, number>;
}

/** Per key (citation id or domain): the total and the per-platform counts, platforms sorted. */
function tallies(rows: repo.PlatformCount[]): Map<string, Tally> {
  const byKey = new Map<string, Tally>();
  const sorted = [...rows].sort((left, right) => (left.platform < right.platform ? -1 : 1));
  for (const row of sorted) {
    const tally = byKey.get(row.key) ?? { count: 0, platforms: {} };
    tally.count += row.n;
    tally.platforms[row.platform] = row.n;
    byKey.set(row.key, tally);
  }
  return byKey;
}

const NONE: Tally = { count: 0, platforms: {} };

function presentCitation(row: repo.CitationRow, tally: Tally): CitationJson {
  return {
    id: row.id,
    object: 'citation',
    brand_id: row.brandId,
    url: row.url,
    domain: row.domain,
    title: row.title,
    owned: row.owned,
    // Written by the analyzer's classifier, so always one of the categories.
    domain_category: row.domainCategory as DomainCategory,
    count: tally.count,
    platforms: tally.platforms,
    first_seen_at: iso(row.createdAt),
    last_seen_at: iso(row.updatedAt),
  };
}

/** The brand (404/403 as for the brand itself) and the filters, with a report of another brand → 404. */
async function resolveFilters(
  deps: Deps,
  principal: Principal,
  brandId: string,
  query: { report_id?: string; domain?: string; domain_category?: DomainCategory },
): Promise<repo.CitationFilters> {
  const brand = await requireBrand(deps, principal, brandId);
  if (
    query.report_id !== undefined &&
    !(await repo.reportBelongsToBrand(deps.database.db, query.report_id, brand.id))
  ) {
    throw new ApiError('not_found', 'No such report for this brand.');
  }
  const domain =
    query.domain === undefined ? undefined : (hostOf(query.domain) ?? query.domain.toLowerCase());
  return { reportId: query.report_id, domain, domainCategory: query.domain_category };
}

export async function listCitations(
  deps: Deps,
  principal: Principal,
  brandId: string,
  query: ListCitationsQuery,
): Promise<Page<CitationJson>> {
  const filters = await resolveFilters(deps, principal, brandId, query);
  const db = deps.database.db;
  const rows = await repo.listCitations(db, brandId, filters, {
    limit: query.limit,
    afterId: decodeCursor(query.cursor),
  });
  const counts = tallies(
    await repo.countByCitation(
      db,
      rows.slice(0, query.limit).map((row) => row.id),
      filters,
    ),
  );
  return toPage(rows, query.limit, (row) => presentCitation(row, counts.get(row.id) ?? NONE));
}

export async function listCitationDomains(
  deps: Deps,
  principal: Principal,
  brandId: string,
  query: CitationDomainsQuery,
): Promise<{ object: 'list'; data: CitationDomainJson[] }> {
  const filters = await resolveFilters(deps, principal, brandId, query);
  const db = deps.database.db;
  const totals = await repo.listDomainTotals(db, brandId, filters, query.limit);
  const counts = tallies(
    await repo.countByDomain(
      db,
      brandId,
      totals.map((total) => total.domain),
      filters,
    ),
  );
  return {
    object: 'list',
    data: totals.map((total) => ({
      object: 'citation_domain',
      domain: total.domain,
      domain_category: total.domainCategory as DomainCategory,
      owned: total.owned,
      count: total.count,
      urls: total.urls,
      platforms: counts.get(total.domain)?.platforms ?? {},
    })),
  };
}

export async function getCitation(
  deps: Deps,
  principal: Principal,
  citationId: string,
): Promise<CitationDetailJson> {
  const db = deps.database.db;
  const row = await repo.findCitation(db, principal, citationId);
  if (!row) throw new ApiError('not_found', 'No such citation.');
  await requireBrand(deps, principal, row.brandId);
  const counts = tallies(await repo.countByCitation(db, [row.id], {}));
  return {
    ...presentCitation(row, counts.get(row.id) ?? NONE),
    reports: await repo.listCitingReports(db, row.id),
  };
}
