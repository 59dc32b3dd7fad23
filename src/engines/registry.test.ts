import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngineRegistry, EngineUnavailableError } from './registry.ts';
import { providerEnvSchema, toProviderSettings } from './settings.ts';
import type { Engine, Platform } from './types.ts';

const stubEngine = (platform: Platform): Engine => ({
  platform,
  collect: async () => ({ text: `stub ${platform}`, sources: [], model: 'stub', collectedVia: 'sandbox' }),
});

const settings = toProviderSettings(
  providerEnvSchema.parse({ OPENAI_API_KEY: 'sk', SERPAPI_API_KEY: 'serp' }),
);

describe('engine registry', () => {
  it('lists the platforms whose provider is configured', () => {
    const registry = createEngineRegistry({ settings, sandbox: stubEngine });
    assert.deepEqual(registry.configuredPlatforms(), ['chatgpt', 'chatgpt_search', 'ai_overviews']);
  });

  it('live mode builds each configured engine once and refuses the others', () => {
    const registry = createEngineRegistry({ settings, sandbox: stubEngine });
    const engine = registry.forMode('live', 'chatgpt');
    assert.equal(engine.platform, 'chatgpt');
    assert.equal(registry.forMode('live', 'chatgpt'), engine);
    assert.throws(() => registry.forMode('live', 'claude'), EngineUnavailableError);
  });

  it('test mode uses the sandbox for every platform, configured or not', async () => {
    const registry = createEngineRegistry({ settings, sandbox: stubEngine });
    const answer = await registry.forMode('test', 'claude').collect({
      platform: 'claude',
      prompt: 'q',
      market: { country: null, language: 'English', location: null },
      sample: 1,
      brand: { name: 'A', website: 'https://a.example', aliases: [] },
      competitors: [],
    });
    assert.equal(answer.collectedVia, 'sandbox');
  });

  it('accepts a map of sandbox engines', () => {
    const grok = stubEngine('grok');
    const registry = createEngineRegistry({ settings, sandbox: { grok } });
    assert.equal(registry.forMode('test', 'grok'), grok);
    assert.throws(() => registry.forMode('test', 'gemini'), EngineUnavailableError);
  });

  it('defaults to the built-in sandbox engine', () => {
    const registry = createEngineRegistry({ settings });
    assert.equal(registry.forMode('test', 'perplexity').platform, 'perplexity');
  });
});
