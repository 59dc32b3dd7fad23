import { and, count, countDistinct, desc, eq, exists, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { brands, citationOccurrences, citations, reports } from '../../db/schema/index.ts';
import type { Principal } from '../../http/principal.ts';
import { visibleBrands } from '../brands/brands.repo.ts';

export type CitationRow = typeof citations.$inferSelect;

export interface CitationFilters {
  reportId?: string;
  domain?: string;
  domainCategory?: string;
}

export interface PlatformCount {
  key: string;
  platform: string;
  n: number;
}

function citationFilter(brandId: string, filters: CitationFilters): SQL | undefined {
  return and(
    eq(citations.brandId, brandId),
    filters.domain === undefined ? undefined : eq(citations.domain, filters.domain),
    filters.domainCategory === undefined ? undefined : eq(citations.domainCategory, filters.domainCategory),
  );
}

function occurrenceFilter(filters: CitationFilters): SQL | undefined {
  return filters.reportId === undefined ? undefined : eq(citationOccurrences.reportId, filters.reportId);
}

/** The citation if its brand belongs to the key's tenant (account and mode). */
export async function findCitation(
  db: Executor,
  principal: Principal,
  id: string,
): Promise<CitationRow | undefined> {
  const [row] = await db
    .select({ citation: citations })
    .from(citations)
    .innerJoin(brands, eq(brands.id, citations.brandId))
    .where(and(visibleBrands(principal), eq(citations.id, id)));
  return row?.citation;
}

export async function reportBelongsToBrand(
  db: Executor,
  reportId: string,
  brandId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(reports)
    .where(and(eq(reports.id, reportId), eq(reports.brandId, brandId)));
  return (row?.n ?? 0) > 0;
}

/**
 * Citations with at least one occurrence (in the report, when filtered): a URL whose answers were all
 * deleted with their report is no longer something the platforms cite.
 */
export async function listCitations(
  db: Executor,
  brandId: string,
  filters: CitationFilters,
  page: { limit: number; afterId: string | null },
): Promise<CitationRow[]> {
  const cited = db
    .select({ one: sql`1` })
    .from(citationOccurrences)
    .where(and(eq(citationOccurrences.citationId, citations.id), occurrenceFilter(filters)));
  return db
    .select()
    .from(citations)
    .where(
      and(
        citationFilter(brandId, filters),
        page.afterId === null ? undefined : lt(citations.id, page.afterId),
        exists(cited),
      ),
    )
    .orderBy(desc(citations.id))
    .limit(page.limit + 1);
}

/** Occurrences per citation and platform; `key` is the citation id. */
export async function countByCitation(
  db: Executor,
  citationIds: string[],
  filters: Pick<CitationFilters, 'reportId'>,
): Promise<PlatformCount[]> {
  if (citationIds.length === 0) return [];
  return db
    .select({ key: citationOccurrences.citationId, platform: citationOccurrences.platform, n: count() })
    .from(citationOccurrences)
    .where(and(inArray(citationOccurrences.citationId, citationIds), occurrenceFilter(filters)))
    .groupBy(citationOccurrences.citationId, citationOccurrences.platform);
}

export async function listCitingReports(db: Executor, citationId: string): Promise<string[]> {
  const rows = await db
    .select({ reportId: citationOccurrences.reportId })
    .from(citationOccurrences)
    .where(eq(citationOccurrences.citationId, citationId))
    .groupBy(citationOccurrences.reportId)
    .orderBy(desc(citationOccurrences.reportId));
  return rows.map((row) => row.reportId);
}

export interface DomainTotal {
  domain: string;
  count: number;
  urls: number;
  owned: boolean;
  domainCategory: string;
}

/**
 * The most cited domains. A domain's category and ownership come from its most recently seen URL:
 * they can differ between URLs when the brand's website or competitor list changed between runs.
 */
export async function listDomainTotals(
  db: Executor,
  brandId: string,
  filters: CitationFilters,
  limit: number,
): Promise<DomainTotal[]> {
  const latest = sql`order by ${citations.updatedAt} desc, ${citations.id} desc`;
  const total = count();
  return (
    db
      .select({
        domain: citations.domain,
        count: total,
        urls: countDistinct(citations.id),
        owned: sql<boolean>`(array_agg(${citations.owned} ${latest}))[1]`,
        domainCategory: sql<string>`(array_agg(${citations.domainCategory} ${latest}))[1]`,
      })
      .from(citations)
      .innerJoin(citationOccurrences, eq(citationOccurrences.citationId, citations.id))
      .where(and(citationFilter(brandId, filters), occurrenceFilter(filters)))
      .groupBy(citations.domain)
      // Byte order, so ties sort the same on every server whatever its default collation.
      .orderBy(desc(total), sql`${citations.domain} collate "C"`)
      .limit(limit)
  );
}

/** Occurrences per domain and platform; `key` is the domain. */
export async function countByDomain(
  db: Executor,
  brandId: string,
  domains: string[],
  filters: CitationFilters,
): Promise<PlatformCount[]> {
  if (domains.length === 0) return [];
  return db
    .select({ key: citations.domain, platform: citationOccurrences.platform, n: count() })
    .from(citations)
    .innerJoin(citationOccurrences, eq(citationOccurrences.citationId, citations.id))
    .where(
      and(citationFilter(brandId, filters), inArray(citations.domain, domains), occurrenceFilter(filters)),
    )
    .groupBy(citations.domain, citationOccurrences.platform);
}
