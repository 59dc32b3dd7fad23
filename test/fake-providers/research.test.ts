import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { generatePrompts, researchBrandFacts } from '../../src/engines/research.ts';
import { type ProviderSettings, providerEnvSchema, toProviderSettings } from '../../src/engines/settings.ts';
import { EMPTY_BRAND_FACTS } from '../harness.ts';
import { type FakeProviders, fakeProviderEnv, startFakeProviders } from './server.ts';

type Json = Record<string, unknown>;

describe('research and prompt generation against the fake', () => {
  let fake: FakeProviders;
  let settings: ProviderSettings;

  before(async () => {
    fake = await startFakeProviders();
    settings = toProviderSettings(providerEnvSchema.parse(fakeProviderEnv(fake.urls)));
  });
  beforeEach(() => fake.reset());
  after(() => fake.close());

  const brand = () => ({ name: 'Acme Analytics', website: fake.urls.site });

  it('reads the home and About pages, then asks for facts with a JSON schema', async () => {
    const facts = await researchBrandFacts({ brand: brand(), settings, allowPrivateNetwork: true });
    assert.equal(facts.research_status, 'complete');
    assert.equal(facts.description, 'Acme Analytics turns product data into answers for small teams.');
    assert.equal(facts.tagline, 'Acme Analytics – insight for small teams');
    assert.equal(facts.founded_year, 2015);
    assert.deepEqual(facts.key_facts, ['Serves 2,000 customers', 'Acme Analytics was founded in 2015']);
    assert.deepEqual(facts.competitors, [
      { name: 'Globex', website: 'https://globex.example/', aliases: ['Globex Corp'] },
      { name: 'Initech', website: null, aliases: [] },
    ]);

    assert.deepEqual(
      fake.callsTo('site').map((call) => call.path),
      ['/', '/about-us'],
    );
    const [call] = fake.callsTo('openai');
    const body = call?.body as Json;
    assert.equal(body.model, 'gpt-5-mini');
    const format = (body.text as Json).format as Json;
    assert.equal(format.type, 'json_schema');
    assert.equal(format.name, 'brand_facts');
    const input = JSON.stringify(body.input);
    assert.match(input, /Founded in 2015 in Berlin/);
    assert.match(input, /Acme Analytics & friends: dashboards in minutes\./);
    assert.doesNotMatch(input, /var tracking|color: red/);
  });

  it('a site that cannot be read gives partial facts from the model alone', async () => {
    const facts = await researchBrandFacts({
      brand: { name: 'Acme Analytics', website: `${fake.urls.site}missing` },
      settings,
      allowPrivateNetwork: true,
    });
    assert.equal(facts.research_status, 'partial');
    assert.equal(facts.description, null);
    const body = fake.callsTo('openai')[0]?.body as Json | undefined;
    assert.match(JSON.stringify(body?.input), /could not be read/);
  });

  it('private addresses are refused unless allowed', async () => {
    const facts = await researchBrandFacts({ brand: brand(), settings });
    assert.equal(fake.callsTo('site').length, 0);
    assert.equal(facts.research_status, 'partial');
  });

  it('nothing usable → not_found', async () => {
    fake.script('openai', { json: EMPTY_BRAND_FACTS });
    const facts = await researchBrandFacts({ brand: brand(), settings, allowPrivateNetwork: true });
    assert.equal(facts.research_status, 'not_found');
  });

  it('generates prompts in the given categories and market language, without duplicates', async () => {
    const prompts = await generatePrompts({
      brand: { name: 'Acme Analytics', website: 'https://acme.example', categories: ['Product analytics'] },
      facts: {
        description: 'Dashboards for small teams.',
        competitors: [{ name: 'Globex', website: null, aliases: [] }],
      },
      count: 4,
      categories: ['comparison', 'recommendation'],
      market: { country: 'Germany', language: 'German', location: null },
      settings,
    });
    assert.deepEqual(prompts, [
      { prompt_text: 'Which tool is best for need number 1?', category: 'comparison' },
      { prompt_text: 'Which tool is best for need number 2?', category: 'recommendation' },
      { prompt_text: 'Which tool is best for need number 3?', category: 'comparison' },
      { prompt_text: 'Which tool is best for need number 4?', category: 'recommendation' },
    ]);
    const body = fake.callsTo('openai')[0]?.body as Json;
    assert.equal(((body.text as Json).format as Json).name, 'prompts');
    const input = JSON.stringify(body.input);
    assert.match(input, /Write 4 distinct questions a buyer in Germany would ask, in German/);
    assert.match(input, /Competitors: Globex/);
  });

  it('provider failures surface as ProviderCallError', async () => {
    fake.script('openai', { status: 400 });
    await assert.rejects(
      generatePrompts({ brand: { name: 'Acme' }, facts: null, count: 2, settings }),
      (error: unknown) => error instanceof Error && error.name === 'ProviderCallError',
    );
  });
});
