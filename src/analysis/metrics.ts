import type { DomainCategory } from './domains.ts';
import type { Sentiment } from './sentiment.ts';
import { foldName } from './text.ts';
import { type Interval, percentage, roundTo, wilsonInterval } from './wilson.ts';

export const METHODOLOGY_VERSION = '1.0';

/** One stored result, as the report metrics read it. */
export interface StoredResult {
  platform: string;
  /** The category of the result's prompt. */
  category: string | null;
  /** A key naming the market the answer was collected in (e.g. "US/English"). */
  market: string | null;
  status: string;
  brand_mentioned: boolean | null;
  brand_position: number | null;
  sentiment: Sentiment | null;
  mentioned_brands: Array<{ name: string; tracked: boolean; position: number | null }>;
  citations: Array<{ domain: string; owned: boolean; domain_category: DomainCategory }>;
}

export interface MetricsContext {
  competitors: Array<{ name: string }>;
  /** How many domains `top_cited_domains` lists (default 10). */
  top_domains_limit?: number;
}

export interface RateWithInterval {
  rate: number | null;
  interval: Interval;
  n: number;
}

export interface CompetitorMetrics {
  name: string;
  visibility_score: number | null;
  mentions: number;
  average_position: number | null;
}

export interface CitedDomain {
  domain: string;
  count: number;
  domain_category: DomainCategory;
  owned: boolean;
}

export interface ReportMetrics {
  methodology_version: string;
  visibility_score: number | null;
  visibility_interval: Interval;
  n: number;
  by_platform: Record<string, RateWithInterval>;
  by_category: Record<string, RateWithInterval>;
  by_market: Record<string, RateWithInterval>;
  share_of_voice: number | null;
  average_position: number | null;
  sentiment: Record<Sentiment, number>;
  competitors: CompetitorMetrics[];
  citation_share: number | null;
  top_cited_domains: CitedDomain[];
}

export const UNCATEGORISED = 'uncategorized';
export const UNKNOWN_MARKET = 'unknown';

function rateOf(results: StoredResult[]): RateWithInterval {
  const mentioned = results.filter((result) => result.brand_mentioned === true).length;
  return {
    rate: percentage(mentioned, results.length),
    interval: wilsonInterval(mentioned, results.length),
    n: results.length,
  };
}

function ratesBy(
  results: StoredResult[],
  keyOf: (result: StoredResult) => string,
): Record<string, RateWithInterval> {
  const groups = new Map<string, StoredResult[]>();
  for (const result of results) {
    const key = keyOf(result);
    const group = groups.get(key) ?? [];
    group.push(result);
    groups.set(key, group);
  }
  const rates: Record<string, RateWithInterval> = {};
  for (const key of [...groups.keys()].sort()) rates[key] = rateOf(groups.get(key) ?? []);
  return rates;
}

function mean(values: number[], decimals: number): number | null {
  if (values.length === 0) return null;
  return roundTo(values.reduce((sum, value) => sum + value, 0) / values.length, decimals);
}

function competitorMetrics(
  results: StoredResult[],
  competitors: Array<{ name: string }>,
): CompetitorMetrics[] {
  const metrics = competitors.map((competitor) => {
    const key = foldName(competitor.name);
    const positions: number[] = [];
    let mentions = 0;
    for (const result of results) {
      const entry = result.mentioned_brands.find((brand) => brand.tracked && foldName(brand.name) === key);
      if (entry === undefined) continue;
      mentions++;
      if (entry.position !== null) positions.push(entry.position);
    }
    return {
      name: competitor.name,
      visibility_score: percentage(mentions, results.length),
      mentions,
      average_position: mean(positions, 2),
    };
  });
  return metrics.sort(
    (left, right) => right.mentions - left.mentions || left.name.localeCompare(right.name, 'en'),
  );
}

function topCitedDomains(results: StoredResult[], limit: number): CitedDomain[] {
  const domains = new Map<string, CitedDomain>();
  for (const result of results) {
    for (const citation of result.citations) {
      const known = domains.get(citation.domain);
      if (known === undefined) {
        domains.set(citation.domain, {
          domain: citation.domain,
          count: 1,
          domain_category: citation.domain_category,
          owned: citation.owned,
        });
      } else {
        known.count++;
        known.owned ||= citation.owned;
      }
    }
  }
  return [...domains.values()]
    .sort((left, right) => right.count - left.count || (left.domain < right.domain ? -1 : 1))
    .slice(0, limit);
}

/**
 * The report metrics of spec §8, computed from stored results alone so they can be recomputed.
 * Only completed results count; see docs/metrics.md (Methodology 1.0) for every definition.
 */
export function computeReportMetrics(results: StoredResult[], context: MetricsContext): ReportMetrics {
  const completed = results.filter((result) => result.status === 'completed');
  const overall = rateOf(completed);
  const brandMentions = completed.filter((result) => result.brand_mentioned === true);
  const competitors = competitorMetrics(completed, context.competitors);
  const trackedMentions =
    brandMentions.length + competitors.reduce((sum, competitor) => sum + competitor.mentions, 0);
  const sentiment: Record<Sentiment, number> = { positive: 0, neutral: 0, negative: 0 };
  for (const result of brandMentions) {
    if (result.sentiment !== null) sentiment[result.sentiment]++;
  }
  const citations = completed.flatMap((result) => result.citations);
  return {
    methodology_version: METHODOLOGY_VERSION,
    visibility_score: overall.rate,
    visibility_interval: overall.interval,
    n: overall.n,
    by_platform: ratesBy(completed, (result) => result.platform),
    by_category: ratesBy(completed, (result) => result.category ?? UNCATEGORISED),
    by_market: ratesBy(completed, (result) => result.market ?? UNKNOWN_MARKET),
    share_of_voice: percentage(brandMentions.length, trackedMentions),
    average_position: mean(
      brandMentions.flatMap((result) => (result.brand_position === null ? [] : [result.brand_position])),
      2,
    ),
    sentiment,
    competitors,
    citation_share: percentage(citations.filter((citation) => citation.owned).length, citations.length),
    top_cited_domains: topCitedDomains(completed, context.top_domains_limit ?? 10),
  };
}
