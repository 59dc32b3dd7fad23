import { createAiOverviewsEngine } from './ai-overviews.ts';
import { createChatgptEngine } from './chatgpt.ts';
import { createChatgptSearchEngine } from './chatgpt-search.ts';
import { createClaudeEngine } from './claude.ts';
import { createClaudeSearchEngine } from './claude-search.ts';
import { createGeminiEngine } from './gemini.ts';
import { createGrokEngine } from './grok.ts';
import type { EngineDeps, Fetch } from './llm-engine.ts';
import { createOutboundFromSettings, type Outbound, type RequestBudget } from './outbound.ts';
import { createPerplexityEngine } from './perplexity.ts';
import { createSandboxEngine } from './sandbox.ts';
import { configuredPlatforms, type ProviderName, type ProviderSettings } from './settings.ts';
import type { Engine, Platform } from './types.ts';

export type EngineMode = 'live' | 'test';

/** The test-mode engines: a factory, or a map from platform to engine. */
export type SandboxSource = ((platform: Platform) => Engine) | Partial<Record<Platform, Engine>>;

export interface EngineRegistryOptions {
  settings: ProviderSettings;
  /** Defaults to the built-in sandbox engine. */
  sandbox?: SandboxSource;
  fetch?: Fetch;
  /** One outbound per process; built from settings when absent. */
  outbound?: Outbound;
  /** Shared RPM budgets per provider (used only when `outbound` is not given). */
  budgets?: Partial<Record<ProviderName, RequestBudget>>;
}

export interface EngineRegistry {
  forMode(mode: EngineMode, platform: Platform): Engine;
  configuredPlatforms(): Platform[];
  /** The limiter live engines call through; research and prompt generation should share it. */
  readonly outbound: Outbound;
}

/** A live engine was asked for a platform whose provider has no key on this server. */
export class EngineUnavailableError extends Error {
  override readonly name = 'EngineUnavailableError';
  constructor(readonly platform: Platform) {
    super(`platform ${platform} is not configured on this server`);
  }
}

const LIVE_ENGINES: Record<Platform, (deps: EngineDeps) => Engine> = {
  chatgpt: createChatgptEngine,
  chatgpt_search: createChatgptSearchEngine,
  claude: createClaudeEngine,
  claude_search: createClaudeSearchEngine,
  gemini: createGeminiEngine,
  grok: createGrokEngine,
  perplexity: createPerplexityEngine,
  ai_overviews: createAiOverviewsEngine,
};

export function createEngineRegistry(options: EngineRegistryOptions): EngineRegistry {
  const { settings } = options;
  const outbound = options.outbound ?? createOutboundFromSettings(settings, { budgets: options.budgets });
  const deps: EngineDeps = { settings, outbound, fetch: options.fetch };
  const sandbox = options.sandbox ?? createSandboxEngine;
  const available = new Set(configuredPlatforms(settings));
  const live = new Map<Platform, Engine>();
  const test = new Map<Platform, Engine>();

  const sandboxEngine = (platform: Platform): Engine => {
    const engine = typeof sandbox === 'function' ? sandbox(platform) : sandbox[platform];
    if (engine === undefined) throw new EngineUnavailableError(platform);
    return engine;
  };

  return {
    outbound,
    configuredPlatforms: () => [...available],
    forMode(mode, platform) {
      const cache = mode === 'live' ? live : test;
      const cached = cache.get(platform);
      if (cached !== undefined) return cached;
      if (mode === 'live' && !available.has(platform)) throw new EngineUnavailableError(platform);
      const engine = mode === 'live' ? LIVE_ENGINES[platform](deps) : sandboxEngine(platform);
      cache.set(platform, engine);
      return engine;
    },
  };
}
