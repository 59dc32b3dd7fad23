import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createEngineRegistry, type EngineRegistry } from '../../src/engines/registry.ts';
import { providerEnvSchema, toProviderSettings } from '../../src/engines/settings.ts';
import type { AnswerRequest, Platform } from '../../src/engines/types.ts';
import { FAKE_SOURCES } from './answers.ts';
import { type FakeProviders, fakeProviderEnv, startFakeProviders } from './server.ts';

const [FIRST, SECOND] = FAKE_SOURCES;
if (!FIRST || !SECOND) throw new Error('fake sources missing');

const request = (platform: Platform, overrides: Partial<AnswerRequest> = {}): AnswerRequest => ({
  platform,
  prompt: 'What are the best analytics tools like Acme Analytics?',
  market: { country: 'Germany', language: 'German', location: 'Berlin' },
  sample: 1,
  brand: { name: 'Acme Analytics', website: 'https://acme.example', aliases: [] },
  competitors: [],
  ...overrides,
});

type Json = Record<string, unknown>;
const bodyOf = (call: { body: unknown } | undefined): Json => {
  assert.ok(call, 'expected a logged call');
  return call.body as Json;
};

describe('live engines against the fake providers', () => {
  let fake: FakeProviders;
  let registry: EngineRegistry;

  before(async () => {
    fake = await startFakeProviders();
    const settings = toProviderSettings(providerEnvSchema.parse(fakeProviderEnv(fake.urls)));
    registry = createEngineRegistry({ settings, sandbox: {} });
  });
  beforeEach(() => fake.reset());
  after(() => fake.close());

  const collect = (platform: Platform, overrides?: Partial<AnswerRequest>) =>
    registry.forMode('live', platform).collect(request(platform, overrides));

  it('chatgpt: mini model, web search located in the market, citations deduplicated', async () => {
    const answer = await collect('chatgpt');
    assert.match(answer.text, /\*\*Acme Analytics\*\*/);
    assert.deepEqual(answer.sources, [
      { url: FIRST.url, title: FIRST.title },
      { url: SECOND.url, title: SECOND.title },
    ]);
    assert.equal(answer.model, 'gpt-5-mini-2025-08-07');
    assert.equal(answer.collectedVia, 'api_search');
    const [call] = fake.callsTo('openai');
    assert.equal(call?.path, '/v1/responses');
    assert.equal(call?.headers.authorization, 'Bearer sk-fake-openai');
    const body = bodyOf(call);
    assert.equal(body.model, 'gpt-5-mini');
    assert.deepEqual(body.tools, [
      { type: 'web_search', user_location: { type: 'approximate', country: 'DE', city: 'Berlin' } },
    ]);
    assert.match(JSON.stringify(body.input), /Berlin, Germany.*Answer in German/);
  });

  it('chatgpt_search: the flagship model', async () => {
    const answer = await collect('chatgpt_search');
    assert.equal(answer.model, 'gpt-5-2025-08-07');
    assert.equal(answer.collectedVia, 'api_search');
    assert.equal(answer.sources.length, 2);
    assert.equal(bodyOf(fake.callsTo('openai')[0]).model, 'gpt-5');
  });

  it('claude: no tools, the market in the system prompt, no sources', async () => {
    const answer = await collect('claude');
    assert.match(answer.text, /Acme Analytics/);
    assert.deepEqual(answer.sources, []);
    assert.equal(answer.model, 'claude-sonnet-4-5-20250929');
    assert.equal(answer.collectedVia, 'api');
    const [call] = fake.callsTo('anthropic');
    assert.equal(call?.path, '/v1/messages');
    assert.equal(call?.headers['x-api-key'], 'sk-fake-anthropic');
    const body = bodyOf(call);
    assert.equal(body.tools, undefined);
    assert.equal(body.max_tokens, 4096);
    assert.match(JSON.stringify(body.system), /The user is located in Berlin, Germany\. Answer in German\./);
  });

  it('claude_search: web search tool with user_location; a URL cited twice is one source', async () => {
    const answer = await collect('claude_search');
    assert.match(answer.text, /Acme Analytics/);
    assert.deepEqual(answer.sources, [
      { url: FIRST.url, title: FIRST.title },
      { url: SECOND.url, title: SECOND.title },
    ]);
    assert.equal(answer.collectedVia, 'api_search');
    const body = bodyOf(fake.callsTo('anthropic')[0]);
    assert.deepEqual(body.tools, [
      {
        type: 'web_search_20250305',
        name: 'web_search',
        max_uses: 5,
        user_location: { type: 'approximate', country: 'DE', city: 'Berlin' },
      },
    ]);
  });

  it('gemini: grounding redirects resolved to the real URLs, domain kept as title', async () => {
    const answer = await collect('gemini');
    assert.match(answer.text, /Acme Analytics/);
    assert.deepEqual(answer.sources, [
      { url: FIRST.url, title: FIRST.domain },
      { url: SECOND.url, title: SECOND.domain },
    ]);
    assert.equal(answer.model, 'gemini-2.5-flash-001');
    assert.equal(answer.collectedVia, 'api_search');
    const [call] = fake.callsTo('google');
    assert.equal(call?.path, '/v1beta/models/gemini-2.5-flash:generateContent');
    assert.equal(call?.headers['x-goog-api-key'], 'fake-google');
    const body = bodyOf(call);
    assert.deepEqual(body.tools, [{ googleSearch: {} }]);
    assert.match(JSON.stringify(body.systemInstruction), /Berlin, Germany\. Answer in German/);
    assert.equal(fake.callsTo('redirect').length, 3);
  });

  it('gemini: an unreachable redirect falls back to the domain in the title', async () => {
    const settings = toProviderSettings(providerEnvSchema.parse(fakeProviderEnv(fake.urls)));
    const refusing: typeof fetch = (input, init) =>
      String(input).includes('/grounding-api-redirect/')
        ? Promise.reject(new TypeError('fetch failed'))
        : fetch(input, init);
    const engine = createEngineRegistry({ settings, sandbox: {}, fetch: refusing }).forMode('live', 'gemini');
    const answer = await engine.collect(request('gemini'));
    assert.deepEqual(answer.sources, [
      { url: `https://${FIRST.domain}/`, title: FIRST.domain },
      { url: `https://${SECOND.domain}/`, title: SECOND.domain },
    ]);
  });

  it('grok: Responses API with web search, the market in the system message', async () => {
    const answer = await collect('grok');
    assert.match(answer.text, /Acme Analytics/);
    assert.deepEqual(answer.sources, [{ url: FIRST.url }, { url: SECOND.url }]);
    assert.equal(answer.model, 'grok-4-0709');
    assert.equal(answer.collectedVia, 'api_search');
    const [call] = fake.callsTo('xai');
    assert.equal(call?.path, '/v1/responses');
    assert.equal(call?.headers.authorization, 'Bearer fake-xai');
    const body = bodyOf(call);
    assert.deepEqual(body.tools, [{ type: 'web_search' }]);
    assert.match(JSON.stringify(body.input), /Berlin, Germany\. Answer in German/);
  });

  it('perplexity: user_location in web_search_options, citations titled from search_results', async () => {
    const answer = await collect('perplexity');
    assert.match(answer.text, /Acme Analytics/);
    assert.deepEqual(answer.sources, [
      { url: FIRST.url, title: FIRST.title },
      { url: SECOND.url, title: SECOND.title },
    ]);
    assert.equal(answer.model, 'sonar');
    assert.equal(answer.collectedVia, 'api_search');
    const [call] = fake.callsTo('perplexity');
    assert.equal(call?.path, '/chat/completions');
    assert.equal(call?.headers.authorization, 'Bearer pplx-fake');
    assert.deepEqual(bodyOf(call).web_search_options, { user_location: { country: 'DE', city: 'Berlin' } });
  });

  it('ai_overviews: SerpApi with gl/hl/location, text blocks as Markdown, references as sources', async () => {
    const answer = await collect('ai_overviews');
    assert.equal(
      answer.text,
      [
        'Several providers stand out for "What are the best analytics tools like Acme Analytics?".',
        '### Popular choices',
        '- **Acme Analytics**: Often recommended.\n- **Globex**: Often recommended.',
      ].join('\n\n'),
    );
    assert.deepEqual(answer.sources, [
      { url: FIRST.url, title: FIRST.title },
      { url: SECOND.url, title: SECOND.title },
    ]);
    assert.equal(answer.model, 'google-ai-overviews');
    assert.equal(answer.collectedVia, 'serp');
    const [call] = fake.callsTo('serpapi');
    assert.equal(call?.method, 'GET');
    assert.equal(call?.path, '/search.json');
    assert.deepEqual(call?.query, {
      engine: 'google',
      q: 'What are the best analytics tools like Acme Analytics?',
      gl: 'de',
      hl: 'de',
      location: 'Berlin, Germany',
      api_key: 'fake-serpapi',
    });
  });

  it('ai_overviews: no overview on the page → empty text, still serp', async () => {
    fake.script('serpapi', { noOverview: true });
    const answer = await collect('ai_overviews', { sample: 2 });
    assert.deepEqual(answer, { text: '', sources: [], model: 'google-ai-overviews', collectedVia: 'serp' });
    assert.equal(fake.callsTo('serpapi')[0]?.query.no_cache, 'true');
  });

  it('ai_overviews: a deferred overview is fetched with its page_token', async () => {
    fake.script('serpapi', { deferredOverview: true });
    const answer = await collect('ai_overviews');
    assert.match(answer.text, /Popular choices/);
    const calls = fake.callsTo('serpapi');
    assert.equal(calls.length, 2);
    assert.equal(calls[1]?.query.engine, 'google_ai_overview');
    assert.ok(calls[1]?.query.page_token);
  });

  it('a market without country or location sends no location and no market line', async () => {
    await collect('chatgpt', { market: { country: null, language: 'English', location: null } });
    const body = bodyOf(fake.callsTo('openai')[0]);
    assert.deepEqual(body.tools, [{ type: 'web_search' }]);
    assert.doesNotMatch(JSON.stringify(body.input), /located in/);
  });
});
