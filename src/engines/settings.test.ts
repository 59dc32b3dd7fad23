import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configuredPlatforms, providerEnvSchema, toProviderSettings } from './settings.ts';

describe('provider settings', () => {
  it('defaults: no keys, public base URLs, shared limits', () => {
    const settings = toProviderSettings(providerEnvSchema.parse({}));
    assert.deepEqual(configuredPlatforms(settings), []);
    assert.equal(settings.providers.openai.baseURL, 'https://api.openai.com/v1');
    assert.equal(settings.providers.serpapi.baseURL, 'https://serpapi.com');
    assert.deepEqual(
      { concurrency: settings.providers.google.concurrency, rpm: settings.providers.google.rpm },
      { concurrency: 4, rpm: 60 },
    );
    assert.equal(settings.timeoutMs, 60_000);
    assert.equal(settings.models.perplexity, 'sonar');
    assert.equal(settings.models.research, settings.models.chatgpt);
    assert.equal(settings.models.claudeSearch, settings.models.claude);
  });

  it('a platform is configured when its provider key is set; blank values count as unset', () => {
    const env = providerEnvSchema.parse({
      OPENAI_API_KEY: 'sk-1',
      ANTHROPIC_API_KEY: '  ',
      SERPAPI_API_KEY: 'serp',
      OPENAI_BASE_URL: 'http://127.0.0.1:9999/v1/',
      PROVIDER_CONCURRENCY: '8',
      OPENAI_RPM: '500',
      PROVIDER_TIMEOUT_MS: '',
    });
    const settings = toProviderSettings(env);
    assert.deepEqual(configuredPlatforms(settings), ['chatgpt', 'chatgpt_search', 'ai_overviews']);
    assert.equal(settings.providers.openai.baseURL, 'http://127.0.0.1:9999/v1');
    assert.equal(settings.providers.openai.rpm, 500);
    assert.equal(settings.providers.anthropic.rpm, 60);
    assert.equal(settings.providers.anthropic.concurrency, 8);
    assert.equal(settings.timeoutMs, 60_000);
  });

  it('rejects invalid values', () => {
    assert.equal(providerEnvSchema.safeParse({ PROVIDER_RPM: '0' }).success, false);
    assert.equal(providerEnvSchema.safeParse({ OPENAI_BASE_URL: 'ftp://x' }).success, false);
  });
});
