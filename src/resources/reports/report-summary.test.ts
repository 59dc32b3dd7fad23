import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  call,
  createTenant,
  expectError,
  expectSecurity,
  startTestWorker,
  type TestTenant,
  testDeps,
} from '../../../test/harness.ts';
import { newId } from '../../clock.ts';
import { reports, results } from '../../db/schema/index.ts';
import { createBrandWithFacts, runCompletedReport } from '../citations/citations.fixtures.ts';
import {
  detailOf,
  expectedSummary,
  insertCompleted,
  type Json,
  midway,
  shifted,
} from './report-summary.fixtures.ts';

interface Fixture {
  tenant: TestTenant;
  key: string;
  brandId: string;
  configId: string;
  first: string;
  second: string;
}
let setup: Promise<Fixture> | null = null;

/** Two completed sandbox runs of the same region config (same prompts, platforms and market). */
function fixture(): Promise<Fixture> {
  setup ??= (async () => {
    // Stopped after the test that first asks for the fixture, by which time both runs have finished.
    await startTestWorker();
    const tenant = await createTenant();
    const { key } = tenant;
    const brandId = await createBrandWithFacts(key);
    const schedule = await call(key, 'POST', '/v1/scheduled-reports', {
      brand_id: brandId,
      name: 'Weekly',
      frequency: 'weekly',
    });
    const config = await call(key, 'POST', '/v1/region-configs', {
      brand_id: brandId,
      scheduled_report_id: schedule.body.id,
      name: 'US',
      country: 'US',
      ai_platforms: ['chatgpt', 'perplexity'],
    });
    const report = {
      brand_id: brandId,
      region_config_id: config.body.id,
      ai_platforms: ['chatgpt', 'perplexity'],
    };
    const first = await runCompletedReport(key, report);
    const second = await runCompletedReport(key, report);
    return { tenant, key, brandId, configId: String(config.body.id), first, second };
  })();
  return setup;
}

describe('report summary and ai-analysis', () => {
  it('summarises the first report of a config with no previous one: every trend flat', async () => {
    const { key, brandId, first } = await fixture();
    const detail = await detailOf(key, first);
    // A report without a region config, completed earlier, is not the same series.
    await insertCompleted(
      brandId,
      null,
      shifted(detail.metrics).metrics,
      new Date(Date.parse(detail.completed_at) - 60_000),
    );
    const summary = await call(key, 'GET', `/v1/reports/${first}/summary`);
    assert.equal(summary.status, 200);
    assert.deepEqual(summary.body, expectedSummary(first, detail, null));
    const highlights = (summary.body.ai_analysis as { highlights: Array<{ trend: string }> }).highlights;
    assert.ok(highlights.length > 0);
    assert.ok(highlights.every((highlight) => highlight.trend === 'flat'));
  });

  it('compares with the latest earlier completed report of the same region config', async () => {
    const { key, brandId, configId, first, second } = await fixture();
    const [before, after] = [await detailOf(key, first), await detailOf(key, second)];
    const same = await call(key, 'GET', `/v1/reports/${second}/summary`);
    assert.deepEqual(same.body, expectedSummary(second, after, { id: first, metrics: before.metrics }));

    const { metrics, trends } = shifted(after.metrics);
    const between = await insertCompleted(
      brandId,
      configId,
      metrics,
      midway(before.completed_at, after.completed_at),
    );
    const moved = await call(key, 'GET', `/v1/reports/${second}/summary`);
    assert.deepEqual(moved.body, expectedSummary(second, after, { id: between, metrics }));
    const highlights = (moved.body.ai_analysis as { highlights: Array<{ category: string; trend: string }> })
      .highlights;
    assert.deepEqual(
      Object.fromEntries(highlights.map((highlight) => [highlight.category, highlight.trend])),
      trends,
    );

    const analysis = await call(key, 'GET', `/v1/reports/${second}/ai-analysis`);
    assert.equal(analysis.status, 200);
    const expected = expectedSummary(second, after, { id: between, metrics });
    assert.deepEqual(analysis.body, {
      object: 'report_ai_analysis',
      report_id: second,
      ...(expected.ai_analysis as Json),
      ai_suggestion: expected.ai_suggestion,
      generated_by: 'deterministic',
    });
  });

  it('compares a report without a region config with the brand’s latest earlier completed report', async () => {
    const { key, brandId, second } = await fixture();
    const after = await detailOf(key, second);
    const later = new Date(Date.parse(after.completed_at) + 60_000);
    const adhoc = await insertCompleted(brandId, null, shifted(after.metrics).metrics, later);
    const summary = await call(key, 'GET', `/v1/reports/${adhoc}/summary`);
    assert.equal(summary.body.previous_report_id, second);
  });

  it('lists as gaps the prompts where tracked competitors are named and the brand is not', async () => {
    const { key, brandId, second } = await fixture();
    const { body: report } = await call(key, 'POST', '/v1/reports', { brand_id: brandId });
    const { body: added } = await call<{ data: Array<{ id: string }> }>(
      key,
      'POST',
      `/v1/reports/${report.id}/prompts`,
      {
        prompts: [
          { prompt_text: 'Which CRM do agencies use?', category: 'Best of' },
          { prompt_text: 'Cheap CRM?' },
        ],
      },
    );
    const [missed, named] = added.data.map((prompt) => prompt.id);
    const tracked = (name: string, position: number) => ({ name, tracked: true, position, sentiment: null });
    const db = (await testDeps()).database.db;
    const answer = (
      promptId: string | undefined,
      platform: string,
      changes: Partial<typeof results.$inferInsert>,
    ) => ({
      id: newId(),
      reportId: String(report.id),
      promptId: String(promptId),
      platform,
      sample: 1,
      status: 'completed' as const,
      brandMentioned: false,
      citations: [],
      createdAt: new Date(),
      mentionedBrands: [],
      ...changes,
    });
    await db.insert(results).values([
      answer(missed, 'chatgpt', {
        mentionedBrands: [
          tracked('HubSpot', 1),
          { name: 'Northbase', tracked: false, position: 2, sentiment: null },
        ],
      }),
      answer(missed, 'perplexity', { mentionedBrands: [tracked('Pipedrive', 1), tracked('HubSpot', 2)] }),
      answer(named, 'chatgpt', {
        brandMentioned: true,
        brandPosition: 2,
        mentionedBrands: [tracked('Zoho CRM', 1), tracked('Acme CRM', 2)],
      }),
      answer(named, 'perplexity', { status: 'failed', mentionedBrands: [tracked('HubSpot', 1)] }),
    ]);
    const { metrics } = await detailOf(key, second);
    await db
      .update(reports)
      .set({ status: 'completed', metrics: metrics as unknown as Json, completedAt: new Date() })
      .where(eq(reports.id, String(report.id)));
    const summary = await call(key, 'GET', `/v1/reports/${report.id}/summary`);
    assert.deepEqual(summary.body.gaps, [
      {
        prompt_text: 'Which CRM do agencies use?',
        category: 'Best of',
        competitors: ['HubSpot', 'Pipedrive'],
      },
    ]);
    assert.match(String(summary.body.ai_suggestion), /Which CRM do agencies use\?/);
  });

  it('answers 200 with null metrics and no analysis for a report that is not completed', async () => {
    const { key, brandId } = await fixture();
    const { body: draft } = await call(key, 'POST', '/v1/reports', { brand_id: brandId });
    const summary = await call(key, 'GET', `/v1/reports/${draft.id}/summary`);
    assert.deepEqual(summary.body, {
      object: 'report_summary',
      report_id: draft.id,
      status: 'draft',
      visibility_score: null,
      visibility_interval: null,
      n: null,
      share_of_voice: null,
      average_position: null,
      sentiment: null,
      competitors: null,
      citation_share: null,
      top_cited_domains: null,
      methodology_version: null,
      previous_report_id: null,
      ai_suggestion: null,
      ai_analysis: { summary: null, highlights: [] },
      gaps: [],
    });
    const analysis = await call(key, 'GET', `/v1/reports/${draft.id}/ai-analysis`);
    assert.deepEqual(analysis.body, {
      object: 'report_ai_analysis',
      report_id: draft.id,
      summary: null,
      highlights: [],
      ai_suggestion: null,
      generated_by: 'deterministic',
    });
  });

  it('enforces keys, scopes, tenancy, modes and brand restrictions', async () => {
    const { tenant, key, brandId, first } = await fixture();
    const { body: other } = await call(key, 'POST', '/v1/brands', {
      name: 'Other',
      website: 'https://other.com',
    });
    const readOnly = await tenant.keyWith({ scopes: ['read:reports'] });
    const outsiders = {
      stranger: (await createTenant()).key,
      live: await tenant.keyWith({ mode: 'live' }),
      restricted: await tenant.keyWith({ allowedBrandId: String(other.id) }),
      unscoped: {
        key: await tenant.keyWith({ scopes: ['read:citations'] }),
        details: { required_scope: 'read:reports', key_scopes: ['read:citations'] },
      },
    };
    const own = await tenant.keyWith({ allowedBrandId: brandId, scopes: ['read:reports'] });
    for (const url of [`/v1/reports/${first}/summary`, `/v1/reports/${first}/ai-analysis`]) {
      await expectSecurity(outsiders, 'GET', url);
      assert.equal((await call(readOnly, 'GET', url)).status, 200);
      assert.equal((await call(own, 'GET', url)).status, 200);
    }
    expectError(
      await call(key, 'GET', '/v1/reports/00000000-0000-7000-8000-000000000000/summary'),
      404,
      'not_found',
    );
    expectError(await call(key, 'GET', '/v1/reports/nope/ai-analysis'), 400, 'validation_error');
  });
});
