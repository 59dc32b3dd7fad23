import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeReportMetrics, type StoredResult } from './metrics.ts';

function result(overrides: Partial<StoredResult>): StoredResult {
  return {
    platform: 'chatgpt',
    category: 'comparison',
    market: 'US/English',
    status: 'completed',
    brand_mentioned: false,
    brand_position: null,
    sentiment: null,
    mentioned_brands: [],
    citations: [],
    ...overrides,
  };
}

const acme = (position: number) => ({ name: 'Acme', tracked: true, position });
const rival = (position: number) => ({ name: 'Rival', tracked: true, position });

const results: StoredResult[] = [
  result({
    brand_mentioned: true,
    brand_position: 1,
    sentiment: 'positive',
    mentioned_brands: [acme(1), rival(2)],
    citations: [
      { domain: 'acme.com', owned: true, domain_category: 'OWNED' },
      { domain: 'g2.com', owned: false, domain_category: 'REVIEW_DIRECTORY' },
    ],
  }),
  result({
    platform: 'perplexity',
    brand_mentioned: true,
    brand_position: 2,
    sentiment: 'negative',
    mentioned_brands: [rival(1), acme(2)],
    citations: [{ domain: 'g2.com', owned: false, domain_category: 'REVIEW_DIRECTORY' }],
  }),
  result({ platform: 'perplexity', category: 'pricing', mentioned_brands: [rival(1)] }),
  result({ category: 'pricing', market: 'FR/French' }),
  result({ status: 'failed', brand_mentioned: null }),
];

describe('computeReportMetrics', () => {
  const metrics = computeReportMetrics(results, { competitors: [{ name: 'Rival' }, { name: 'Other' }] });

  it('counts completed results only: visibility 2 of 4', () => {
    assert.equal(metrics.methodology_version, '1.0');
    assert.equal(metrics.n, 4);
    assert.equal(metrics.visibility_score, 50);
    assert.deepEqual(metrics.visibility_interval, { low: 15, high: 85 });
  });

  it('breaks the rate down by platform, category and market', () => {
    assert.deepEqual(metrics.by_platform, {
      chatgpt: { rate: 50, interval: { low: 9.5, high: 90.5 }, n: 2 },
      perplexity: { rate: 50, interval: { low: 9.5, high: 90.5 }, n: 2 },
    });
    assert.deepEqual(Object.keys(metrics.by_category), ['comparison', 'pricing']);
    assert.equal(metrics.by_category.comparison.rate, 100);
    assert.equal(metrics.by_category.pricing.rate, 0);
    assert.deepEqual(metrics.by_market['FR/French'], { rate: 0, interval: { low: 0, high: 79.3 }, n: 1 });
  });

  it('computes share of voice, average position and sentiment counts', () => {
    assert.equal(metrics.share_of_voice, 40);
    assert.equal(metrics.average_position, 1.5);
    assert.deepEqual(metrics.sentiment, { positive: 1, neutral: 0, negative: 1 });
  });

  it('ranks competitors by visibility', () => {
    assert.deepEqual(metrics.competitors, [
      { name: 'Rival', visibility_score: 75, mentions: 3, average_position: 1.33 },
      { name: 'Other', visibility_score: 0, mentions: 0, average_position: null },
    ]);
  });

  it('computes citation share and the top cited domains', () => {
    assert.equal(metrics.citation_share, 33.3);
    assert.deepEqual(metrics.top_cited_domains, [
      { domain: 'g2.com', count: 2, domain_category: 'REVIEW_DIRECTORY', owned: false },
      { domain: 'acme.com', count: 1, domain_category: 'OWNED', owned: true },
    ]);
  });

  it('reports nulls, not zeros, when nothing was measured', () => {
    const empty = computeReportMetrics([result({ status: 'failed' })], { competitors: [{ name: 'Rival' }] });
    assert.equal(empty.n, 0);
    assert.equal(empty.visibility_score, null);
    assert.deepEqual(empty.visibility_interval, { low: 0, high: 100 });
    assert.equal(empty.share_of_voice, null);
    assert.equal(empty.average_position, null);
    assert.equal(empty.citation_share, null);
    assert.deepEqual(empty.by_platform, {});
    assert.deepEqual(empty.competitors, [
      { name: 'Rival', visibility_score: null, mentions: 0, average_position: null },
    ]);
  });
});
