import type { Source } from './types.ts';

export interface RawSource {
  url: string;
  title?: string | null;
}

/** Tracking parameters the platforms append to cited links (ChatGPT adds `utm_source=openai`). */
const TRACKING_PARAMS = /^(utm_[a-z]+|gclid|fbclid|msclkid)$/i;

/** The URL to store: absolute http(s), without tracking parameters; null when unusable. */
export function cleanSourceUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  for (const key of [...url.searchParams.keys()]) {
    if (TRACKING_PARAMS.test(key)) url.searchParams.delete(key);
  }
  return url.toString();
}

/** Two URLs that differ only by fragment, a trailing slash or `www.` are one source. */
function identity(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  const path = parsed.pathname.replace(/\/+$/, '');
  return `${host}${path}${parsed.search}`;
}

/** Deduplicated by URL in first-seen order; a later duplicate may supply a missing title. */
export function dedupeSources(sources: Iterable<RawSource>): Source[] {
  const byIdentity = new Map<string, Source>();
  for (const source of sources) {
    const url = cleanSourceUrl(source.url);
    if (url === null) continue;
    // Some SDKs fill a missing title with the URL itself; that is no title.
    const given = source.title?.trim();
    const title = given && given !== source.url.trim() ? given : undefined;
    const key = identity(url);
    const existing = byIdentity.get(key);
    if (existing === undefined) {
      byIdentity.set(key, title ? { url, title } : { url });
    } else if (existing.title === undefined && title) {
      existing.title = title;
    }
  }
  return [...byIdentity.values()];
}
