import { APICallError } from 'ai';
import type { EngineDeps, Fetch } from './llm-engine.ts';
import { type ResolvedMarket, resolveMarket } from './market.ts';
import { ProviderCallError } from './provider-error.ts';
import { readAiOverview, serpResponseSchema } from './serp-overview.ts';
import { requireApiKey } from './settings.ts';
import { dedupeSources } from './sources.ts';
import type { AnswerRequest, CollectedAnswer, Engine } from './types.ts';

/** SerpApi does not say which model wrote the overview. */
export const AI_OVERVIEWS_MODEL = 'google-ai-overviews';

// SerpApi answers 200 with this error when the results page is empty: an empty answer, not a failure.
const NO_RESULTS = /hasn't returned any results/i;

type SerpResponse = ReturnType<typeof serpResponseSchema.parse>;

function searchParams(request: AnswerRequest, market: ResolvedMarket): Record<string, string> {
  const params: Record<string, string> = { engine: 'google', q: request.prompt };
  if (market.countryCode) params.gl = market.countryCode.toLowerCase();
  if (market.languageCode) params.hl = market.languageCode;
  if (market.location) {
    const named =
      market.countryName && !market.location.toLowerCase().includes(market.countryName.toLowerCase());
    params.location = named ? `${market.location}, ${market.countryName}` : market.location;
  }
  // Cached results are free but identical; later samples exist to see the variation.
  if (request.sample > 1) params.no_cache = 'true';
  return params;
}

async function getJson(
  fetch: Fetch,
  baseURL: string,
  params: Record<string, string>,
  apiKey: string,
  signal: AbortSignal,
): Promise<SerpResponse> {
  const url = new URL(`${baseURL}/search.json`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  const shownUrl = url.toString();
  url.searchParams.set('api_key', apiKey);
  const response = await fetch(url, { headers: { accept: 'application/json' }, signal });
  const body = await response.text();
  if (!response.ok) {
    // Same error type as the SDKs throw, so one classifier decides what is retried.
    throw new APICallError({
      message: `SerpApi answered ${response.status}: ${body.slice(0, 300)}`,
      url: shownUrl,
      requestBodyValues: params,
      statusCode: response.status,
      responseHeaders: Object.fromEntries(response.headers),
      responseBody: body,
      isRetryable: response.status === 429 || response.status >= 500,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new ProviderCallError({
      code: 'bad_response',
      retryable: false,
      message: 'SerpApi sent invalid JSON',
      cause: error,
    });
  }
  const parsed = serpResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw new ProviderCallError({
      code: 'bad_response',
      retryable: false,
      message: 'unexpected SerpApi JSON',
      cause: parsed.error,
    });
  }
  if (parsed.data.error && !NO_RESULTS.test(parsed.data.error)) {
    throw new ProviderCallError({
      code: 'provider_error',
      retryable: false,
      message: `SerpApi: ${parsed.data.error}`,
    });
  }
  return parsed.data;
}

/** Google's AI Overview for the prompt, read from the results page through SerpApi. */
export function createAiOverviewsEngine(deps: EngineDeps): Engine {
  const fetch = deps.fetch ?? globalThis.fetch;
  const { baseURL } = deps.settings.providers.serpapi;
  const apiKey = requireApiKey(deps.settings, 'serpapi');
  const query = (params: Record<string, string>, signal?: AbortSignal) =>
    deps.outbound.call('serpapi', (attempt) => getJson(fetch, baseURL, params, apiKey, attempt), { signal });

  return {
    platform: 'ai_overviews',
    async collect(request: AnswerRequest): Promise<CollectedAnswer> {
      const page = await query(searchParams(request, resolveMarket(request.market)), request.signal);
      let overview = page.ai_overview;
      if (overview?.page_token && !overview.text_blocks?.length) {
        const deferred = await query(
          { engine: 'google_ai_overview', page_token: overview.page_token },
          request.signal,
        );
        overview = deferred.ai_overview;
      }
      const { text, sources } = readAiOverview(overview);
      return { text, sources: dedupeSources(sources), model: AI_OVERVIEWS_MODEL, collectedVia: 'serp' };
    },
  };
}
