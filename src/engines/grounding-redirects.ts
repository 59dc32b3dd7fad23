import type { Fetch } from './llm-engine.ts';
import type { RawSource } from './sources.ts';

// Gemini's grounding chunks link to short-lived `…/grounding-api-redirect/<token>` URLs and put the
// real site's domain in the title; stored as-is they would all count as one Google domain.
const REDIRECT_PATH = '/grounding-api-redirect/';
const DOMAIN = /^(?:[a-z0-9-]+\.)+[a-z]{2,}$/i;

export function isGroundingRedirect(url: string): boolean {
  try {
    return new URL(url).pathname.includes(REDIRECT_PATH);
  } catch {
    return false;
  }
}

async function followOnce(url: string, fetch: Fetch, signal: AbortSignal): Promise<string | null> {
  const response = await fetch(url, { method: 'GET', redirect: 'manual', signal });
  await response.body?.cancel();
  const location = response.headers.get('location');
  if (response.status < 300 || response.status >= 400 || !location) return null;
  const target = new URL(location, url);
  return target.protocol === 'http:' || target.protocol === 'https:' ? target.toString() : null;
}

async function resolveOne(source: RawSource, fetch: Fetch, timeoutMs: number, signal?: AbortSignal) {
  if (!isGroundingRedirect(source.url)) return source;
  const title = source.title?.trim() ?? '';
  try {
    const deadline = AbortSignal.timeout(timeoutMs);
    const target = await followOnce(
      source.url,
      fetch,
      signal ? AbortSignal.any([deadline, signal]) : deadline,
    );
    if (target !== null) return { url: target, title: source.title };
  } catch {
    // Fall through: the domain in the title is still worth recording.
  }
  return DOMAIN.test(title) ? { url: `https://${title.toLowerCase()}/`, title } : source;
}

/** Replaces redirect URLs by their targets, or by the titled domain when the redirect cannot be followed. */
export function resolveGroundingRedirects(
  sources: RawSource[],
  options: { fetch: Fetch; timeoutMs?: number; signal?: AbortSignal },
): Promise<RawSource[]> {
  const timeoutMs = options.timeoutMs ?? 5000;
  return Promise.all(sources.map((source) => resolveOne(source, options.fetch, timeoutMs, options.signal)));
}
