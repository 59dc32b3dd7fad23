import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSandboxEngine, sandboxAnswerWithPlan, sandboxBrandFacts, sandboxPrompts } from './sandbox.ts';
import type { AnswerRequest, CompetitorRef, Market, Platform } from './types.ts';
import { PLATFORMS } from './types.ts';

const brand = { name: 'Acme CRM', website: 'https://www.acmecrm.com', aliases: ['Acme'] };
const facts = sandboxBrandFacts({ name: brand.name, website: brand.website, categories: ['CRM software'] });
const competitors: CompetitorRef[] = [...facts.competitors, { name: 'Pipewell', website: null, aliases: [] }];
const berlin: Market = { country: 'Germany', language: 'German', location: 'Berlin' };
const noMarket: Market = { country: null, language: 'English', location: null };
const prompts = sandboxPrompts({ brand: { name: brand.name }, facts, count: 50, categories: null });

function request(overrides: Partial<AnswerRequest> = {}): AnswerRequest {
  return {
    platform: 'chatgpt',
    prompt: 'What are the best CRM tools for a small agency?',
    market: berlin,
    sample: 1,
    brand,
    competitors,
    ...overrides,
  };
}

const POSITIVE =
  /praise|stands out|particularly strong|highly recommended|top pick|best|strong value|well reviewed/i;
const NEGATIVE =
  /complain|avoid if|reviewers report|not recommended|caution|mixed reviews|hard to recommend/i;

function mentions(text: string, term: string): boolean {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

/** Every answer to 50 prompts on every platform, two samples each. */
const corpus = prompts.flatMap((p) =>
  PLATFORMS.flatMap((platform) =>
    [1, 2].map((sample) => ({
      platform,
      ...sandboxAnswerWithPlan(platform, request({ platform, prompt: p.prompt_text, sample })),
    })),
  ),
);

describe('sandbox engine', () => {
  it('answers the same request identically', async () => {
    const a = await createSandboxEngine('perplexity').collect(request({ platform: 'perplexity' }));
    const b = await createSandboxEngine('perplexity').collect(request({ platform: 'perplexity' }));
    assert.deepEqual(a, b);
  });

  it('varies with the sample, the platform, the market and the competitors', () => {
    const base = sandboxAnswerWithPlan('chatgpt', request()).answer.text;
    const variants: Array<[Platform, AnswerRequest]> = [
      ['chatgpt', request({ sample: 2 })],
      ['grok', request({ platform: 'grok' })],
      ['chatgpt', request({ market: noMarket })],
      ['chatgpt', request({ market: { ...berlin, location: 'Munich' } })],
      ['chatgpt', request({ competitors: competitors.slice(1) })],
    ];
    for (const [platform, variant] of variants) {
      assert.notEqual(sandboxAnswerWithPlan(platform, variant).answer.text, base);
    }
  });

  it('labels the answer as sandbox with a per-platform model', async () => {
    for (const platform of PLATFORMS) {
      const answer = await createSandboxEngine(platform).collect(request({ platform }));
      assert.equal(answer.collectedVia, 'sandbox');
      assert.equal(answer.model, `sandbox-${platform}-1`);
    }
  });

  it('rejects when the request is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(createSandboxEngine('claude').collect(request({ signal: controller.signal })));
  });

  it('mentions the market in the first sentence when one is given', () => {
    for (const platform of PLATFORMS) {
      const text = sandboxAnswerWithPlan(platform, request({ platform })).answer.text;
      assert.match(text.split('\n')[0], /Berlin, Germany/);
      const plain = sandboxAnswerWithPlan(platform, request({ platform, market: noMarket })).answer.text;
      assert.doesNotMatch(plain, /Berlin|Germany/);
    }
  });

  it("varies the brand's presence, position and tone", () => {
    const plans = corpus.map((c) => c.plan);
    const absent = plans.filter((p) => p.brandIndex === null).length;
    assert.ok(
      absent > plans.length * 0.15 && absent < plans.length * 0.35,
      `absent ${absent}/${plans.length}`,
    );
    const positions = new Set(plans.map((p) => p.brandIndex).filter((i) => i !== null));
    assert.ok(positions.size >= 5, `positions ${[...positions]}`);
    assert.deepEqual(
      new Set(plans.map((p) => p.brandTone)),
      new Set([null, 'positive', 'neutral', 'negative']),
    );
    assert.deepEqual(
      new Set(plans.map((p) => p.layout)),
      new Set(['numbered', 'headed', 'bullets', 'table']),
    );
    assert.ok(plans.some((p) => p.withTable));
    assert.ok(plans.every((p) => p.options.length >= 4 && p.options.length <= 7));
    assert.ok(plans.some((p) => p.options.some((o) => o.kind === 'other')));
    assert.ok(
      plans.some((p) => p.options.some((o) => o.label !== o.name)),
      'aliases are used sometimes',
    );
  });

  it('writes the text the plan describes: mentions, order of first appearance, tone', () => {
    for (const { plan, answer } of corpus) {
      const { text } = answer;
      if (plan.brandIndex === null) {
        for (const term of [brand.name, ...brand.aliases]) assert.ok(!mentions(text, term), text);
      }
      for (const c of competitors.filter((c) => !plan.options.some((o) => o.name === c.name))) {
        assert.ok(!mentions(text, c.name), `${c.name} is not an option but appears:\n${text}`);
      }
      const firsts = plan.options.map((o) => text.indexOf(`**${o.label}`));
      assert.ok(firsts.every((at) => at >= 0));
      assert.deepEqual(
        [...firsts].sort((a, b) => a - b),
        firsts,
        text,
      );
      if (plan.brandIndex !== null) {
        const start = firsts[plan.brandIndex];
        const end = plan.brandIndex + 1 < firsts.length ? firsts[plan.brandIndex + 1] : text.length;
        const entry = text.slice(start, end).split('\n\n')[0];
        if (plan.brandTone === 'positive') assert.match(entry, POSITIVE);
        if (plan.brandTone === 'negative') assert.match(entry, NEGATIVE);
        if (plan.brandTone === 'neutral')
          assert.doesNotMatch(entry, new RegExp(`${POSITIVE.source}|${NEGATIVE.source}`, 'i'));
      }
    }
  });

  it('cites 2–5 distinct https sources on search platforms and none on claude', () => {
    for (const { platform, answer } of corpus) {
      const urls = answer.sources.map((s) => s.url);
      if (platform === 'claude') {
        assert.equal(urls.length, 0);
        assert.doesNotMatch(answer.text, /\]\(https?:|https?:\/\//);
        continue;
      }
      const [min, max] = platform === 'ai_overviews' ? [2, 4] : [2, 5];
      assert.ok(urls.length >= min && urls.length <= max, `${platform}: ${urls.length}`);
      assert.equal(new Set(urls).size, urls.length);
      for (const url of urls) assert.equal(new URL(url).protocol, 'https:');
      for (const [, url] of answer.text.matchAll(/\]\((https:[^)\s]+)\)/g)) assert.ok(new URL(url));
    }
    const all = corpus.flatMap((c) => c.answer.sources.map((s) => new URL(s.url).hostname));
    for (const host of [
      'www.acmecrm.com',
      'www.g2.com',
      'www.capterra.com',
      'www.reddit.com',
      'en.wikipedia.org',
    ]) {
      assert.ok(all.includes(host), `${host} is cited somewhere`);
    }
    assert.ok(
      corpus.some((c) => /\]\(https:/.test(c.answer.text)),
      'inline links appear sometimes',
    );
  });

  it('gives perplexity [n] markers within its sources', () => {
    for (const { platform, answer } of corpus.filter((c) => c.platform === 'perplexity')) {
      const markers = [...answer.text.matchAll(/\[(\d+)\](?!\()/g)].map((m) => Number(m[1]));
      assert.ok(markers.length > 0, platform);
      assert.ok(markers.every((n) => n >= 1 && n <= answer.sources.length));
    }
  });
});

describe('sandboxBrandFacts', () => {
  it('is deterministic and complete', () => {
    const again = sandboxBrandFacts({
      name: brand.name,
      website: brand.website,
      categories: ['CRM software'],
    });
    assert.deepEqual(again, facts);
    assert.equal(facts.research_status, 'complete');
    assert.equal(facts.industry, 'CRM software');
    assert.ok(facts.description.includes(brand.name));
    assert.ok(facts.founded_year >= 1800 && facts.founded_year <= 2100);
    assert.ok(facts.key_facts.length <= 20 && facts.key_facts.every((f) => f.length <= 500));
    for (const list of [facts.key_people, facts.products, facts.services]) {
      assert.ok(list.length >= 1 && list.length <= 10);
    }
  });

  it('proposes 3–5 invented competitors that depend on the name only', () => {
    for (const name of ['Acme CRM', 'Blue Bottle', 'Zephyr', 'Northwind', 'Ünïcode GmbH']) {
      const a = sandboxBrandFacts({ name, website: 'https://example.com' });
      const b = sandboxBrandFacts({ name, website: 'https://other.example', categories: ['Coffee'] });
      assert.deepEqual(a.competitors, b.competitors);
      assert.ok(a.competitors.length >= 3 && a.competitors.length <= 5);
      const names = a.competitors.map((c) => c.name.toLowerCase());
      assert.equal(new Set(names).size, names.length);
      assert.ok(!names.includes(name.toLowerCase()));
      for (const c of a.competitors) assert.equal(new URL(c.website).protocol, 'https:');
    }
  });
});

describe('sandboxPrompts', () => {
  it('returns exactly count distinct prompts', () => {
    for (const count of [0, 1, 4, 7, 50, 300]) {
      const list = sandboxPrompts({ brand: { name: 'Acme CRM' }, facts, count });
      assert.equal(list.length, count);
      assert.equal(new Set(list.map((p) => p.prompt_text.toLowerCase())).size, count);
    }
  });

  it('cycles the given categories, or the defaults', () => {
    const given = sandboxPrompts({
      brand: { name: 'Acme CRM' },
      facts,
      count: 5,
      categories: ['Pricing', 'Reviews'],
    });
    assert.deepEqual(
      given.map((p) => p.category),
      ['Pricing', 'Reviews', 'Pricing', 'Reviews', 'Pricing'],
    );
    const defaults = sandboxPrompts({ brand: { name: 'Acme CRM' }, facts: null, count: 4, categories: [] });
    assert.deepEqual(
      defaults.map((p) => p.category),
      ['Comparison', 'Best of', 'Recommendation', 'Alternatives'],
    );
    assert.ok(defaults[0].prompt_text.includes('Acme CRM'));
  });

  it('is deterministic, and a longer list extends a shorter one', () => {
    const input = { brand: { name: 'Acme CRM', categories: ['CRM software'] }, facts, count: 10 };
    assert.deepEqual(sandboxPrompts(input), sandboxPrompts(input));
    assert.deepEqual(sandboxPrompts({ ...input, count: 20 }).slice(0, 10), sandboxPrompts(input));
  });

  it('rejects a negative count', () => {
    assert.throws(() => sandboxPrompts({ brand: { name: 'x' }, facts: null, count: -1 }), RangeError);
  });
});
