import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, expectError } from '../../../test/harness.ts';
import {
  addPrompts,
  draftDefaults,
  insertResult,
  setReport,
  setupReport,
  stable,
} from './reports.fixtures.ts';

type Body = Record<string, unknown>;

describe('reports: read one', () => {
  it('nests results under their prompts and counts ranked prompts', async () => {
    const { key, reportId } = await setupReport({ ai_platforms: ['chatgpt', 'claude'] });
    const [ranked = '', unranked = ''] = await addPrompts(key, reportId, ['best crm', 'cheap crm', 'crm?']);
    const mention = { name: 'Acme', tracked: true, position: 1, sentiment: 'positive' as const };
    const citation = {
      url: 'https://acme.com/a',
      domain: 'acme.com',
      title: 'A',
      owned: true,
      domain_category: 'OWNED' as const,
    };
    const hit = await insertResult(reportId, ranked, {
      model: 'gpt-mini',
      collectedVia: 'sandbox',
      answer: 'Acme is best.',
      brandMentioned: true,
      brandPosition: 1,
      sentiment: 'positive',
      mentionedBrands: [mention],
      citations: [citation],
    });
    const alsoHit = await insertResult(reportId, ranked, { platform: 'claude', brandMentioned: true });
    const miss = await insertResult(reportId, unranked, { brandMentioned: false });
    const failed = await insertResult(reportId, unranked, {
      platform: 'claude',
      status: 'failed',
      error: { code: 'provider_error', message: 'timeout' },
    });
    const metrics = { version: 1, visibility_score: 50, n: 3 };
    await setReport(reportId, {
      status: 'completed',
      visibilityScore: 50,
      totalResults: 4,
      metrics,
      completedAt: new Date('2026-01-03T00:00:00.000Z'),
    });
    const read = await call<Body & { prompts: Body[] }>(key, 'GET', `/v1/reports/${reportId}`);
    assert.equal(read.status, 200);
    const { prompts, ...report } = read.body;
    assert.deepEqual(stable(report), {
      ...draftDefaults,
      status: 'completed',
      ai_platforms: ['chatgpt', 'claude'],
      visibility_score: 50,
      ranked_prompts: 1,
      total_results: 4,
      completed_at: '2026-01-03T00:00:00.000Z',
      metrics,
    });
    const result = { platform: 'chatgpt', sample: 1, status: 'completed', model: null, collected_via: null };
    const empty = { answer: null, brand_mentioned: null, brand_position: null, sentiment: null, error: null };
    const at = '2026-01-02T03:04:05.678Z';
    const none = { mentioned_brands: [], citations: [], created_at: at };
    assert.deepEqual(
      prompts.map(({ id, created_at, ...prompt }) => prompt),
      [
        {
          object: 'report_prompt',
          report_id: reportId,
          prompt_text: 'best crm',
          category: null,
          results: [
            {
              ...result,
              id: hit,
              prompt_id: ranked,
              model: 'gpt-mini',
              collected_via: 'sandbox',
              answer: 'Acme is best.',
              brand_mentioned: true,
              brand_position: 1,
              sentiment: 'positive',
              mentioned_brands: [mention],
              citations: [{ url: 'https://acme.com/a', domain: 'acme.com', title: 'A', owned: true }],
              error: null,
              created_at: at,
            },
            {
              ...result,
              ...empty,
              ...none,
              id: alsoHit,
              prompt_id: ranked,
              platform: 'claude',
              brand_mentioned: true,
            },
          ],
        },
        {
          object: 'report_prompt',
          report_id: reportId,
          prompt_text: 'cheap crm',
          category: null,
          results: [
            { ...result, ...empty, ...none, id: miss, prompt_id: unranked, brand_mentioned: false },
            {
              ...result,
              ...empty,
              ...none,
              id: failed,
              prompt_id: unranked,
              platform: 'claude',
              status: 'failed',
              error: { code: 'provider_error', message: 'timeout' },
            },
          ],
        },
        { object: 'report_prompt', report_id: reportId, prompt_text: 'crm?', category: null, results: [] },
      ],
    );
  });

  it('hides the visibility score until the report completes', async () => {
    const { key, reportId, brandId } = await setupReport();
    await setReport(reportId, { status: 'processing', visibilityScore: 40 });
    assert.equal((await call(key, 'GET', `/v1/reports/${reportId}`)).body.visibility_score, null);
    const listed = await call<{ data: Body[] }>(key, 'GET', `/v1/reports?brand_id=${brandId}`);
    assert.equal(listed.body.data[0]?.visibility_score, null);
    expectError(await call(key, 'GET', '/v1/reports/nope'), 400, 'validation_error');
    expectError(await call(key, 'GET', `/v1/reports/${crypto.randomUUID()}`), 404, 'not_found');
  });
});
