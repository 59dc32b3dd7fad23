import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isPublicAddress } from '../network/public-address.ts';
import type { Fetch } from './llm-engine.ts';

export interface PageFetchOptions {
  fetch: Fetch;
  maxBytes?: number;
  timeoutMs?: number;
  /** Brand websites are user input: private and loopback addresses are refused unless allowed (tests). */
  allowPrivateNetwork?: boolean;
  signal?: AbortSignal;
}

export interface FetchedPage {
  url: string;
  html: string;
}

const MAX_REDIRECTS = 5;
const USER_AGENT = 'Mozilla/5.0 (compatible; SightlineBot/0.1; brand research)';

async function assertPublicHost(url: URL): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address);
  if (addresses.length === 0 || !addresses.every(isPublicAddress)) {
    throw new Error(`refusing to fetch ${url.host}: not a public address`);
  }
}

async function readLimited(response: Response, maxBytes: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (total < maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
  }
  await reader.cancel().catch(() => {});
  const bytes = Buffer.concat(chunks).subarray(0, maxBytes);
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** GETs an HTML page with a size cap, a deadline and redirect hops checked one by one; null on any failure. */
export async function fetchPage(rawUrl: string, options: PageFetchOptions): Promise<FetchedPage | null> {
  const maxBytes = options.maxBytes ?? 512 * 1024;
  const deadline = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  try {
    let url = new URL(rawUrl);
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
      if (!options.allowPrivateNetwork) await assertPublicHost(url);
      const response = await options.fetch(url, {
        redirect: 'manual',
        signal,
        headers: { 'user-agent': USER_AGENT, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
      });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        url = new URL(location, url);
        continue;
      }
      const type = response.headers.get('content-type') ?? 'text/html';
      if (!response.ok || !/html|text\/plain/i.test(type)) {
        await response.body?.cancel();
        return null;
      }
      return { url: url.toString(), html: await readLimited(response, maxBytes) };
    }
    return null;
  } catch {
    return null;
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return ENTITIES[name.toLowerCase()] ?? entity;
  });
}

/** Visible text of a page, one block per line. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|noscript|svg|template|iframe|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<(br|hr)\b[^>]*>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|tr|section|article|header|footer|nav|ul|ol|table|blockquote)\s*>/gi, '\n')
    .replace(/<[^>]+>/g, ' ');
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

export function pageMeta(html: string): { title: string | null; description: string | null } {
  const title = html.match(/<title\b[^>]*>([\s\S]*?)<\/title>/i)?.[1];
  const description =
    html.match(/<meta\b[^>]*name=["']description["'][^>]*content=["']([^"']*)["']/i)?.[1] ??
    html.match(/<meta\b[^>]*property=["']og:description["'][^>]*content=["']([^"']*)["']/i)?.[1];
  const tidy = (value: string | undefined) =>
    value ? decodeEntities(value).replace(/\s+/g, ' ').trim() || null : null;
  return { title: tidy(title), description: tidy(description) };
}

const ABOUT_PATH =
  /(^|\/)(about|about-us|aboutus|company|who-we-are|our-story|ueber-uns|uber-uns|a-propos|quienes-somos|chi-siamo|over-ons|om-oss|om-os)(\/|\.html?|$)/i;
const ABOUT_TEXT = /^(about|about us|our company|company|who we are|our story)$/i;

/** The first same-site link that looks like an About page. */
export function findAboutLink(html: string, pageUrl: string): string | null {
  const base = new URL(pageUrl);
  const site = base.hostname.replace(/^www\./, '');
  for (const match of html.matchAll(/<a\b[^>]*\bhref\s*=\s*["']([^"']+)["'][^>]*>([\s\S]*?)<\/a>/gi)) {
    const [, href = '', inner = ''] = match;
    let target: URL;
    try {
      target = new URL(decodeEntities(href), base);
    } catch {
      continue;
    }
    if (target.hostname.replace(/^www\./, '') !== site || target.pathname === base.pathname) continue;
    const label = htmlToText(inner).trim();
    if (ABOUT_PATH.test(target.pathname) || ABOUT_TEXT.test(label)) {
      target.hash = '';
      return target.toString();
    }
  }
  return null;
}
