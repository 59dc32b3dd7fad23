/** A URL found in answer text. `start`/`end` cover the URL itself, not the link text. */
export interface UrlSpan {
  start: number;
  end: number;
  url: string;
}

/** The visible text of a Markdown link `[text](url)`. */
export interface LinkTextSpan {
  start: number;
  end: number;
}

export interface TextUrls {
  /** Markdown link targets, autolinks and bare http(s) URLs, in text order. */
  urls: UrlSpan[];
  linkTexts: LinkTextSpan[];
  /** Stretches where a name is part of an address, not prose: URLs and the paths of scheme-less addresses. */
  excluded: Array<{ start: number; end: number }>;
}

const LINK_OPENING = /\[([^\]\n]*)\]\(\s*<?/g;
const AUTOLINK = /<(https?:\/\/[^\s<>]+)>/gi;
const BARE_URL = /https?:\/\/[^\s<>"'`[\]{}|\\^]+/gi;
const HOST_BEFORE_SLASH = /(?:^|[^\w./@-])((?:[a-z0-9-]+\.)+[a-z]{2,})$/i;
const PATH_STOP = /[\s<>()[\]"'`]/;
const TRAILING_PUNCTUATION = /[.,;:!?'"*_…]+$/;

/** A bare URL ends before trailing punctuation and before a `)` it did not open. */
export function trimBareUrl(candidate: string): string {
  let url = candidate;
  for (;;) {
    const before = url;
    url = url.replace(TRAILING_PUNCTUATION, '');
    if (url.endsWith(')')) {
      const opens = url.split('(').length - 1;
      const closes = url.split(')').length - 1;
      if (closes > opens) url = url.slice(0, -1);
    }
    if (url === before) return url;
  }
}

/** A link target runs to whitespace, `>` or the `)` that closes the link (parentheses inside it balance). */
function linkTargetEnd(text: string, start: number): number {
  let depth = 0;
  let index = start;
  for (; index < text.length; index++) {
    const char = text[index];
    if (char === ' ' || char === '\n' || char === '\t' || char === '>') break;
    if (char === '(') depth++;
    else if (char === ')') {
      if (depth === 0) break;
      depth--;
    }
  }
  return index;
}

function overlaps(spans: Array<{ start: number; end: number }>, start: number, end: number): boolean {
  return spans.some((span) => start < span.end && end > span.start);
}

/** The paths of addresses written without a scheme ("trustpilot.com/review/acme.com"): from the first `/`. */
function schemelessPaths(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  for (let slash = text.indexOf('/'); slash >= 0; slash = text.indexOf('/', slash + 1)) {
    if (!HOST_BEFORE_SLASH.test(text.slice(Math.max(0, slash - 80), slash))) continue;
    let end = slash + 1;
    while (end < text.length && !PATH_STOP.test(text[end])) end++;
    spans.push({ start: slash, end });
    slash = end;
  }
  return spans;
}

/** Finds every URL in the answer text: Markdown links, autolinks and bare http(s) URLs. */
export function findTextUrls(text: string): TextUrls {
  const urls: UrlSpan[] = [];
  const linkTexts: LinkTextSpan[] = [];
  const excluded: Array<{ start: number; end: number }> = [];
  if (!text.includes('://') && !text.includes('/')) return { urls, linkTexts, excluded };

  for (const match of text.matchAll(LINK_OPENING)) {
    const start = match.index ?? 0;
    const targetStart = start + match[0].length;
    const targetEnd = linkTargetEnd(text, targetStart);
    const target = text.slice(targetStart, targetEnd);
    if (!/^https?:\/\//i.test(target)) continue;
    const closing = text.indexOf(')', targetEnd);
    const linkEnd = closing < 0 ? targetEnd : closing + 1;
    urls.push({ start: targetStart, end: targetEnd, url: target });
    linkTexts.push({ start: start + 1, end: start + 1 + match[1].length });
    excluded.push({ start: start + 1 + match[1].length, end: linkEnd });
  }
  for (const match of text.matchAll(AUTOLINK)) {
    const start = (match.index ?? 0) + 1;
    if (overlaps(excluded, start, start + match[1].length)) continue;
    urls.push({ start, end: start + match[1].length, url: match[1] });
    excluded.push({ start: start - 1, end: start + match[1].length + 1 });
  }
  for (const match of text.matchAll(BARE_URL)) {
    const start = match.index ?? 0;
    const url = trimBareUrl(match[0]);
    if (overlaps(excluded, start, start + url.length) || overlaps(linkTexts, start, start + 1)) continue;
    urls.push({ start, end: start + url.length, url });
    excluded.push({ start, end: start + url.length });
  }
  for (const span of schemelessPaths(text)) {
    if (!overlaps(excluded, span.start, span.end)) excluded.push(span);
  }
  // Link texts that are themselves URLs (`[https://a.com](https://a.com)`) are addresses too.
  for (const span of linkTexts) {
    const linkText = text.slice(span.start, span.end);
    if (/^https?:\/\//i.test(linkText)) excluded.push(span);
  }
  urls.sort((left, right) => left.start - right.start);
  excluded.sort((left, right) => left.start - right.start);
  return { urls, linkTexts, excluded };
}

const URL_PARTS = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/i;

/**
 * Normalises a cited URL per the labelling rules: scheme and host lower-cased, a leading `www.`
 * dropped, `utm_*` parameters and the fragment removed, a trailing `/` removed; the path's case and
 * the other parameters (in order) kept. Returns null for anything that is not an absolute URL.
 */
export function normaliseUrl(raw: string): string | null {
  const parts = URL_PARTS.exec(raw.trim());
  if (parts === null) return null;
  const scheme = parts[1].toLowerCase();
  let host = parts[2].toLowerCase();
  if (host.startsWith('www.')) host = host.slice(4);
  if (host === '') return null;
  let path = parts[3];
  while (path.endsWith('/')) path = path.slice(0, -1);
  const query = (parts[4] ?? '')
    .slice(1)
    .split('&')
    .filter((parameter) => parameter !== '' && !parameter.toLowerCase().startsWith('utm_'));
  return `${scheme}://${host}${path}${query.length > 0 ? `?${query.join('&')}` : ''}`;
}

/** The host of a URL or bare host name, lower-cased, without `www.` and without a port. */
export function hostOf(urlOrHost: string): string | null {
  const trimmed = urlOrHost.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  const parts = URL_PARTS.exec(withScheme);
  if (parts === null) return null;
  let host = parts[2].toLowerCase();
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  host = host.replace(/:\d+$/, '').replace(/\.$/, '');
  if (host.startsWith('www.')) host = host.slice(4);
  return host === '' ? null : host;
}

/** True when `host` is `siteHost` or one of its subdomains (a lookalike such as `siteHost.evil.net` is not). */
export function isSameSite(host: string, siteHost: string): boolean {
  return host === siteHost || host.endsWith(`.${siteHost}`);
}
