import { answerText, FAKE_SOURCES } from './answers.ts';
import { serpapiReply } from './serpapi.ts';
import { structuredOutput } from './structured.ts';

export type FakeProvider = 'openai' | 'anthropic' | 'google' | 'xai' | 'perplexity' | 'serpapi';

export interface FakeReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ReplyContext {
  path: string;
  query: Record<string, string>;
  body: unknown;
  origin: string;
  /** Answer text override from the provider's script. */
  answer?: string;
  json?: unknown;
  noOverview?: boolean;
  deferredOverview?: boolean;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const field = (value: unknown, key: string): unknown => (isObject(value) ? value[key] : undefined);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Every string under `value` whose key is `text` or `content`: the prompt, wherever a wire format puts it. */
export function textsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(textsIn);
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    ['text', 'content', 'input', 'messages', 'contents', 'parts'].includes(key) ? textsIn(inner) : [],
  );
}

const lastUserText = (ctx: ReplyContext): string => {
  const texts = textsIn(
    field(ctx.body, 'input') ?? field(ctx.body, 'messages') ?? field(ctx.body, 'contents'),
  );
  return texts.at(-1) ?? '';
};

const answerFor = (ctx: ReplyContext, prompt: string) => ctx.answer ?? answerText(prompt);
const usesTool = (ctx: ReplyContext, pattern: RegExp) =>
  list(field(ctx.body, 'tools')).some((tool) => pattern.test(JSON.stringify(tool)));

function openaiReply(ctx: ReplyContext, snapshot: string): FakeReply {
  const model = String(field(ctx.body, 'model'));
  const prompt = lastUserText(ctx);
  const format = field(field(ctx.body, 'text'), 'format');
  const structured = field(format, 'type') === 'json_schema';
  const text = structured
    ? JSON.stringify(ctx.json ?? structuredOutput(String(field(format, 'name')), prompt, format))
    : answerFor(ctx, prompt);
  const search = !structured && usesTool(ctx, /web_search/);
  const [first, second] = FAKE_SOURCES;
  const annotations =
    search && first && second
      ? [first, second, { ...first, url: `${first.url}?utm_source=openai` }].map((source) => ({
          type: 'url_citation',
          start_index: 0,
          end_index: text.length,
          url: source.url,
          title: source.title,
        }))
      : [];
  return {
    status: 200,
    body: {
      id: 'resp_fake',
      object: 'response',
      created_at: Math.floor(Date.now() / 1000),
      status: 'completed',
      model: `${model}${snapshot}`,
      output: [
        ...(search
          ? [
              {
                type: 'web_search_call',
                id: 'ws_fake',
                status: 'completed',
                action: { type: 'search', query: prompt },
              },
            ]
          : []),
        {
          type: 'message',
          id: 'msg_fake',
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text, annotations }],
        },
      ],
      usage: {
        input_tokens: 10,
        output_tokens: 20,
        total_tokens: 30,
        input_tokens_details: {},
        output_tokens_details: {},
      },
    },
  };
}

function anthropicReply(ctx: ReplyContext): FakeReply {
  const prompt = lastUserText(ctx);
  const text = answerFor(ctx, prompt);
  const [first, second] = FAKE_SOURCES;
  const search = usesTool(ctx, /web_search/) && first && second;
  const cite = first && {
    type: 'web_search_result_location',
    cited_text: 'widely recommended',
    url: first.url,
    title: first.title,
    encrypted_index: 'enc',
  };
  const content = search
    ? [
        { type: 'server_tool_use', id: 'srvtoolu_fake', name: 'web_search', input: { query: prompt } },
        {
          type: 'web_search_tool_result',
          tool_use_id: 'srvtoolu_fake',
          content: [first, second].map((s) => ({
            type: 'web_search_result',
            url: s.url,
            title: s.title,
            encrypted_content: 'enc',
          })),
        },
        // Anthropic cites the same result in several text blocks: one URL, twice.
        { type: 'text', text: `${text}\n`, citations: [cite] },
        { type: 'text', text: 'Sources agree on the leaders.', citations: [cite] },
      ]
    : [{ type: 'text', text }];
  return {
    status: 200,
    body: {
      id: 'msg_fake',
      type: 'message',
      role: 'assistant',
      model: `${String(field(ctx.body, 'model'))}-20250929`,
      content,
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 20 },
    },
  };
}

function googleReply(ctx: ReplyContext, registerRedirect: (target: string) => string): FakeReply {
  const model = ctx.path.match(/models\/([^:]+):/)?.[1] ?? 'gemini';
  const prompt = lastUserText(ctx);
  const search = usesTool(ctx, /googleSearch|google_search/);
  const chunks = search
    ? [...FAKE_SOURCES, ...FAKE_SOURCES.slice(0, 1)].map((source) => ({
        web: { uri: registerRedirect(source.url), title: source.domain },
      }))
    : [];
  return {
    status: 200,
    body: {
      candidates: [
        {
          content: { role: 'model', parts: [{ text: answerFor(ctx, prompt) }] },
          finishReason: 'STOP',
          ...(search ? { groundingMetadata: { webSearchQueries: [prompt], groundingChunks: chunks } } : {}),
        },
      ],
      usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 20, totalTokenCount: 30 },
      modelVersion: `${model}-001`,
      responseId: 'fake-google',
    },
  };
}

function xaiReply(ctx: ReplyContext): FakeReply {
  const prompt = lastUserText(ctx);
  const search = usesTool(ctx, /web_search/);
  const sources = search ? [...FAKE_SOURCES, ...FAKE_SOURCES.slice(0, 1)] : [];
  return {
    status: 200,
    body: {
      id: 'resp_xai_fake',
      object: 'response',
      created_at: Math.floor(Date.now() / 1000),
      model: `${String(field(ctx.body, 'model'))}-0709`,
      status: 'completed',
      output: [
        ...(search
          ? [
              {
                type: 'web_search_call',
                id: 'ws_xai',
                status: 'completed',
                name: 'web_search',
                arguments: '{}',
                action: { type: 'search', query: prompt },
              },
            ]
          : []),
        {
          type: 'message',
          role: 'assistant',
          id: 'msg_xai',
          status: 'completed',
          content: [
            {
              type: 'output_text',
              text: answerFor(ctx, prompt),
              annotations: sources.map((s) => ({ type: 'url_citation', url: s.url, title: s.url })),
            },
          ],
        },
      ],
      usage: { input_tokens: 10, output_tokens: 20 },
    },
  };
}

function perplexityReply(ctx: ReplyContext): FakeReply {
  const prompt = lastUserText(ctx);
  const [first] = FAKE_SOURCES;
  return {
    status: 200,
    body: {
      id: 'pplx_fake',
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: String(field(ctx.body, 'model')),
      choices: [
        { index: 0, message: { role: 'assistant', content: answerFor(ctx, prompt) }, finish_reason: 'stop' },
      ],
      citations: [...FAKE_SOURCES.map((s) => s.url), first?.url],
      search_results: FAKE_SOURCES.map((s) => ({ title: s.title, url: s.url, date: '2026-01-01' })),
      usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 },
    },
  };
}

export function successReply(
  provider: FakeProvider,
  ctx: ReplyContext,
  registerRedirect: (target: string) => string,
): FakeReply {
  switch (provider) {
    case 'openai':
      return openaiReply(ctx, '-2025-08-07');
    case 'anthropic':
      return anthropicReply(ctx);
    case 'google':
      return googleReply(ctx, registerRedirect);
    case 'xai':
      return xaiReply(ctx);
    case 'perplexity':
      return perplexityReply(ctx);
    case 'serpapi':
      return serpapiReply(ctx);
  }
}

/** The error body each provider sends with a failing status. */
export function errorReply(provider: FakeProvider, status: number): unknown {
  const message = status === 429 ? 'Rate limit exceeded' : `Fake upstream error ${status}`;
  switch (provider) {
    case 'anthropic':
      return { type: 'error', error: { type: status === 429 ? 'rate_limit_error' : 'api_error', message } };
    case 'google':
      return { error: { code: status, message, status: status === 429 ? 'RESOURCE_EXHAUSTED' : 'INTERNAL' } };
    case 'perplexity':
      return { error: { code: status, message, type: 'fake_error' } };
    case 'serpapi':
      return { error: message };
    default:
      return {
        error: {
          message,
          type: status === 429 ? 'rate_limit_exceeded' : 'server_error',
          param: null,
          code: String(status),
        },
      };
  }
}
