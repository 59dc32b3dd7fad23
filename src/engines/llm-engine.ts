import { generateText, type JSONValue, type LanguageModel, type ToolSet } from 'ai';
import { marketInstruction, resolveMarket } from './market.ts';
import type { Outbound } from './outbound.ts';
import type { ProviderName, ProviderSettings } from './settings.ts';
import { dedupeSources, type RawSource } from './sources.ts';
import type { AnswerRequest, CollectedAnswer, CollectedVia, Engine, Platform } from './types.ts';

export type Fetch = typeof globalThis.fetch;

/** What every live engine is built from. */
export interface EngineDeps {
  settings: ProviderSettings;
  outbound: Outbound;
  /** Replaces global fetch for provider calls (tests point it at nothing; base URLs point at the fake). */
  fetch?: Fetch;
}

export type ProviderOptions = Record<string, Record<string, JSONValue>>;

/**
 * Some provider packages bundle their own copy of @ai-sdk/provider-utils, whose Tool type differs
 * nominally (unique symbols) from the one `ai` checks against; at runtime the objects are the same.
 */
export function providerTool(tool: object): ToolSet[string] {
  return tool as ToolSet[string];
}

export interface TextCall {
  model: LanguageModel;
  system?: string;
  prompt: string;
  tools?: ToolSet;
  providerOptions?: ProviderOptions;
  maxOutputTokens?: number;
}

export interface TextOutcome {
  text: string;
  sources: RawSource[];
  /** The model id the provider reported, else the one requested. */
  modelId: string;
  /** The provider's raw JSON body, for fields the SDK does not surface. */
  body: unknown;
}

/** One generateText through the outbound; the SDK's own retries are off so the outbound's rules apply. */
export async function runTextCall(
  outbound: Outbound,
  provider: ProviderName,
  call: TextCall,
  signal?: AbortSignal,
): Promise<TextOutcome> {
  const result = await outbound.call(
    provider,
    (attemptSignal) =>
      generateText({
        model: call.model,
        system: call.system,
        prompt: call.prompt,
        tools: call.tools,
        providerOptions: call.providerOptions,
        maxOutputTokens: call.maxOutputTokens,
        maxRetries: 0,
        abortSignal: attemptSignal,
      }),
    { signal },
  );
  const sources: RawSource[] = [];
  for (const source of result.sources) {
    if (source.sourceType === 'url') sources.push({ url: source.url, title: source.title });
  }
  return { text: result.text, sources, modelId: result.response.modelId, body: result.response.body };
}

export interface LlmEngineSpec {
  platform: Platform;
  provider: ProviderName;
  collectedVia: Extract<CollectedVia, 'api' | 'api_search'>;
  /** Builds the call for one request; `system` already carries the market instruction. */
  prepare(request: AnswerRequest, system: string | undefined): TextCall;
  /** Provider-specific touches on the outcome (extra titles, resolved redirects, reported model). */
  finish?(outcome: TextOutcome, request: AnswerRequest): Promise<TextOutcome> | TextOutcome;
}

export function createLlmEngine(deps: EngineDeps, spec: LlmEngineSpec): Engine {
  return {
    platform: spec.platform,
    async collect(request: AnswerRequest): Promise<CollectedAnswer> {
      const system = marketInstruction(resolveMarket(request.market));
      const call = spec.prepare(request, system);
      const raw = await runTextCall(deps.outbound, spec.provider, call, request.signal);
      const outcome = spec.finish ? await spec.finish(raw, request) : raw;
      return {
        text: outcome.text.trim(),
        sources: dedupeSources(outcome.sources),
        model: outcome.modelId,
        collectedVia: spec.collectedVia,
      };
    },
  };
}
