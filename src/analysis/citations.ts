import type { Source } from '../engines/types.ts';
import { classifyDomain, type DomainCategory } from './domains.ts';
import { hostOf, isSameSite, normaliseUrl, type UrlSpan } from './urls.ts';

export interface AnalysedCitation {
  url: string;
  domain: string;
  title: string | null;
  owned: boolean;
  domain_category: DomainCategory;
}

export interface CitationSites {
  ownHost: string | null;
  competitorHosts: string[];
}

// Gemini grounding cites through redirect URLs and puts the real site in the title.
const REDIRECT_HOSTS = ['vertexaisearch.cloud.google.com'];
const BARE_HOST = /^(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})$/i;

function citedHost(url: string, title: string | null): string | null {
  const host = hostOf(url);
  if (host !== null && title !== null && REDIRECT_HOSTS.includes(host)) {
    const titled = BARE_HOST.exec(title.trim());
    if (titled !== null) return titled[1].toLowerCase();
  }
  return host;
}

/**
 * Every cited URL, normalised and deduplicated: the platform's sources first, then Markdown links
 * and bare http(s) URLs in the order they appear in the text.
 */
export function collectCitations(
  sources: Source[],
  textUrls: UrlSpan[],
  sites: CitationSites,
): AnalysedCitation[] {
  const citations: AnalysedCitation[] = [];
  const seen = new Set<string>();
  const add = (raw: string, title: string | null) => {
    const url = normaliseUrl(raw);
    if (url === null || !/^https?:/i.test(url) || seen.has(url)) return;
    seen.add(url);
    const domain = citedHost(url, title);
    if (domain === null) return;
    const owned = sites.ownHost !== null && isSameSite(domain, sites.ownHost);
    citations.push({
      url,
      domain,
      title,
      owned,
      domain_category: classifyDomain(domain, sites.ownHost, sites.competitorHosts),
    });
  };
  for (const source of sources) {
    const title = typeof source.title === 'string' && source.title.trim() !== '' ? source.title.trim() : null;
    add(source.url, title);
  }
  for (const span of textUrls) add(span.url, null);
  return citations;
}
