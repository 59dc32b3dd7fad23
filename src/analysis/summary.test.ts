import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReportMetrics } from './metrics.ts';
import { buildReportSummary } from './summary.ts';

function metrics(visibility: number | null, byCategory: Record<string, number | null>): ReportMetrics {
  const entries = Object.entries(byCategory).map(([category, rate]) => [
    category,
    { rate, interval: { low: 0, high: 100 }, n: 10 },
  ]);
  return {
    methodology_version: '1.0',
    visibility_score: visibility,
    visibility_interval: { low: 30, high: 60 },
    n: 20,
    by_platform: {},
    by_category: Object.fromEntries(entries),
    by_market: {},
    share_of_voice: 25,
    average_position: 2.5,
    sentiment: { positive: 3, neutral: 5, negative: 1 },
    competitors: [{ name: 'Rival', visibility_score: 70, mentions: 14, average_position: 1.2 }],
    citation_share: 10,
    top_cited_domains: [],
  };
}

describe('buildReportSummary', () => {
  const current = metrics(45, { comparison: 60, pricing: 30, support: 41 });
  const previous = metrics(40, { comparison: 40, pricing: 38, support: 39 });
  const prompts = [
    {
      prompt_text: 'best crm',
      category: 'comparison',
      brand_mentioned_any: true,
      competitors_mentioned: ['Rival'],
    },
    {
      prompt_text: 'cheap crm',
      category: 'pricing',
      brand_mentioned_any: false,
      competitors_mentioned: ['Rival'],
    },
    {
      prompt_text: 'crm for agencies',
      category: 'comparison',
      brand_mentioned_any: false,
      competitors_mentioned: ['Rival', 'Other', 'Rival'],
    },
    { prompt_text: 'crm help', category: 'support', brand_mentioned_any: false, competitors_mentioned: [] },
  ];

  it('gives each category a trend against the previous report (flat under 5 points)', () => {
    const summary = buildReportSummary({ brand_name: 'Acme', current, previous, prompts });
    assert.deepEqual(
      summary.ai_analysis.highlights.map((highlight) => [highlight.category, highlight.trend]),
      [
        ['comparison', 'up'],
        ['pricing', 'down'],
        ['support', 'flat'],
      ],
    );
    assert.equal(
      summary.ai_analysis.highlights[0].text,
      'comparison: visibility 60.0% (n=10), up 20.0 points from 40.0%.',
    );
  });

  it('is flat everywhere without a previous report', () => {
    const summary = buildReportSummary({ brand_name: 'Acme', current, previous: null, prompts });
    assert.ok(summary.ai_analysis.highlights.every((highlight) => highlight.trend === 'flat'));
  });

  it('lists gaps where competitors appear and the brand does not, biggest first', () => {
    const summary = buildReportSummary({ brand_name: 'Acme', current, previous, prompts });
    assert.deepEqual(summary.gaps, [
      { prompt_text: 'crm for agencies', category: 'comparison', competitors: ['Rival', 'Other'] },
      { prompt_text: 'cheap crm', category: 'pricing', competitors: ['Rival'] },
    ]);
    assert.equal(
      summary.ai_suggestion,
      'Publish content that answers "crm for agencies": Rival, Other appear in answers to it and Acme does not.',
    );
  });

  it('summarises the headline figures deterministically', () => {
    const first = buildReportSummary({ brand_name: 'Acme', current, previous, prompts });
    const second = buildReportSummary({ brand_name: 'Acme', current, previous, prompts });
    assert.deepEqual(first, second);
    assert.match(
      first.ai_analysis.summary,
      /^Acme is named in 45\.0% of 20 answers \(95% interval 30\.0%–60\.0%\)\. That is up 5\.0 points/,
    );
    assert.match(first.ai_analysis.summary, /Rival is named more often \(70\.0%\)\./);
  });

  it('suggests the weakest category when there is no gap', () => {
    const summary = buildReportSummary({ brand_name: 'Acme', current, previous: null, prompts: [] });
    assert.equal(
      summary.ai_suggestion,
      'Strengthen Acme\'s presence for "pricing" prompts, where it is named in 30.0% of answers.',
    );
  });
});
