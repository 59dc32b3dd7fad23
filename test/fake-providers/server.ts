import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorReply, type FakeProvider, type FakeReply, successReply } from './responders.ts';

export type { FakeProvider } from './responders.ts';

/** How a provider behaves until the next `script` or `reset`. Failures apply to every call unless `failTimes` is set. */
export interface Behaviour {
  /** Delay before any reply, in ms. */
  latencyMs?: number;
  /** Fail with this HTTP status (429, 500, 503, 400…). */
  status?: number;
  /** Sent with failures, as given (`'2'` or an HTTP date). */
  retryAfter?: string;
  /** Never answer (the socket stays open until the client aborts or the server closes). */
  hang?: boolean;
  /** Answer 200 with a truncated JSON body. */
  malformed?: boolean;
  /** Fail only the first N calls, then answer normally. */
  failTimes?: number;
  /** Replace the answer text. */
  answer?: string;
  /** OpenAI structured output: answer with this object instead of the built-in one. */
  json?: unknown;
  /** SerpApi: a results page without an AI overview. */
  noOverview?: boolean;
  /** SerpApi: an overview that needs the follow-up `engine=google_ai_overview` request. */
  deferredOverview?: boolean;
}

export interface FakeCall {
  provider: FakeProvider | 'site' | 'redirect';
  method: string;
  /** Path after the provider's prefix, e.g. `/v1/responses`. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  at: number;
}

export interface FakePage {
  status?: number;
  html: string;
  contentType?: string;
}

export interface FakeProviderUrls {
  openai: string;
  anthropic: string;
  google: string;
  xai: string;
  perplexity: string;
  serpapi: string;
  /** A brand website (home page links to an About page). */
  site: string;
}

export interface FakeProviders {
  urls: FakeProviderUrls;
  calls: FakeCall[];
  script(provider: FakeProvider, behaviour: Behaviour): void;
  /** Serves `html` at `path` under the site URL (e.g. `about-us`). */
  page(path: string, page: FakePage): void;
  callsTo(provider: FakeCall['provider']): FakeCall[];
  reset(): void;
  close(): Promise<void>;
}

const PROVIDERS: FakeProvider[] = ['openai', 'anthropic', 'google', 'xai', 'perplexity', 'serpapi'];

const DEFAULT_PAGES: Record<string, FakePage> = {
  '': {
    html: `<!doctype html><html><head><title>Acme Analytics – insight for small teams</title>
<meta name="description" content="Acme Analytics turns product data into answers for small teams.">
<style>body { color: red }</style><script>var tracking = 1;</script></head>
<body><nav><a href="/site/pricing">Pricing</a> <a href="/site/about-us">About us</a></nav>
<h1>Insight for small teams</h1><p>Acme Analytics &amp; friends: dashboards in minutes.</p></body></html>`,
  },
  'about-us': {
    html: '<html><head><title>About Acme</title></head><body><h1>About</h1><p>Founded in 2015 in Berlin.</p></body></html>',
  },
};

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, reply: FakeReply): void {
  if (response.destroyed) return;
  response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
  response.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeProviders(): Promise<FakeProviders> {
  const calls: FakeCall[] = [];
  const behaviours = new Map<FakeProvider, Behaviour>();
  const failures = new Map<FakeProvider, number>();
  const pages = new Map<string, FakePage>(Object.entries(DEFAULT_PAGES));
  const redirects = new Map<string, string>();
  let origin = '';

  const registerRedirect = (target: string) => {
    const token = `r${redirects.size + 1}`;
    redirects.set(token, target);
    return `${origin}/grounding-api-redirect/${token}`;
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin);
    const [, prefix = '', ...rest] = url.pathname.split('/');
    const raw = request.method === 'POST' ? await readBody(request) : '';
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // Logged as text.
    }
    const provider = PROVIDERS.find((name) => name === prefix);
    const kind: FakeCall['provider'] =
      provider ?? (prefix === 'grounding-api-redirect' ? 'redirect' : 'site');
    calls.push({
      provider: kind,
      method: request.method ?? 'GET',
      path: `/${rest.join('/')}`,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)])),
      body,
      at: Date.now(),
    });

    if (kind === 'redirect') {
      const target = redirects.get(rest[0] ?? '');
      response.writeHead(target ? 302 : 404, target ? { location: target } : {});
      response.end();
      return;
    }
    if (kind === 'site') {
      const page = prefix === 'site' ? pages.get(rest.join('/')) : undefined;
      response.writeHead(page?.status ?? (page ? 200 : 404), {
        'content-type': page?.contentType ?? 'text/html; charset=utf-8',
      });
      response.end(page?.html ?? 'not found');
      return;
    }
    if (provider === undefined) return;

    const behaviour = behaviours.get(provider) ?? {};
    if (behaviour.latencyMs) await sleep(behaviour.latencyMs);
    const failing = behaviour.status !== undefined || behaviour.hang || behaviour.malformed;
    const failed = failures.get(provider) ?? 0;
    if (failing && (behaviour.failTimes === undefined || failed < behaviour.failTimes)) {
      failures.set(provider, failed + 1);
      if (behaviour.hang) return;
      if (behaviour.malformed) return send(response, { status: 200, body: '{"id": "broken", "output": [' });
      const status = behaviour.status ?? 500;
      const headers: Record<string, string> = behaviour.retryAfter
        ? { 'retry-after': behaviour.retryAfter }
        : {};
      return send(response, { status, body: errorReply(provider, status), headers });
    }
    const context = {
      path: `/${rest.join('/')}`,
      query: Object.fromEntries(url.searchParams),
      body,
      origin,
      answer: behaviour.answer,
      json: behaviour.json,
      noOverview: behaviour.noOverview,
      deferredOverview: behaviour.deferredOverview,
    };
    send(response, successReply(provider, context, registerRedirect));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      send(response, { status: 500, body: { error: { message: String(error) } } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    urls: {
      openai: `${origin}/openai/v1`,
      anthropic: `${origin}/anthropic/v1`,
      google: `${origin}/google/v1beta`,
      xai: `${origin}/xai/v1`,
      perplexity: `${origin}/perplexity`,
      serpapi: `${origin}/serpapi`,
      site: `${origin}/site/`,
    },
    calls,
    script(provider, behaviour) {
      behaviours.set(provider, behaviour);
      failures.set(provider, 0);
    },
    page(path, page) {
      pages.set(path.replace(/^\//, ''), page);
    },
    callsTo: (provider) => calls.filter((call) => call.provider === provider),
    reset() {
      calls.length = 0;
      behaviours.clear();
      failures.clear();
      pages.clear();
      for (const [path, page] of Object.entries(DEFAULT_PAGES)) pages.set(path, page);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Environment variables (keys and base URLs) that point every provider at the fake. */
export function fakeProviderEnv(urls: FakeProviderUrls): Record<string, string> {
  return {
    OPENAI_API_KEY: 'sk-fake-openai',
    OPENAI_BASE_URL: urls.openai,
    ANTHROPIC_API_KEY: 'sk-fake-anthropic',
    ANTHROPIC_BASE_URL: urls.anthropic,
    GOOGLE_GENERATIVE_AI_API_KEY: 'fake-google',
    GOOGLE_GENERATIVE_AI_BASE_URL: urls.google,
    XAI_API_KEY: 'fake-xai',
    XAI_BASE_URL: urls.xai,
    PERPLEXITY_API_KEY: 'pplx-fake',
    PERPLEXITY_BASE_URL: urls.perplexity,
    SERPAPI_API_KEY: 'fake-serpapi',
    SERPAPI_BASE_URL: urls.serpapi,
  };
}
