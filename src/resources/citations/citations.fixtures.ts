import assert from 'node:assert/strict';
import { inArray } from 'drizzle-orm';
import { call, testDeps, waitForJob } from '../../../test/harness.ts';
import { results } from '../../db/schema/index.ts';

/** Test-only helpers: a brand with facts set and reports run to completion by the sandbox engine. */

export const acmeCrm = { name: 'Acme CRM', website: 'https://acme-crm.com', categories: ['CRM'] };

const facts = {
  description: 'Acme CRM is a customer relationship manager for small agencies.',
  competitors: [
    { name: 'Pipedrive', website: 'https://pipedrive.com' },
    { name: 'HubSpot', website: 'https://hubspot.com' },
    { name: 'Zoho CRM', website: 'https://zoho.com' },
  ],
};

async function expectStatus(response: Promise<{ status: number; body: unknown }>, status: number) {
  const { status: got, body } = await response;
  if (got !== status) throw new Error(`setup expected ${status}, got ${got}: ${JSON.stringify(body)}`);
  return body as Record<string, unknown>;
}

/** A brand whose facts are set directly (no research job), so a run's preconditions hold. */
export async function createBrandWithFacts(key: string): Promise<string> {
  const brand = await expectStatus(call(key, 'POST', '/v1/brands', acmeCrm), 201);
  await expectStatus(call(key, 'PATCH', `/v1/brands/${brand.id}/facts`, facts), 200);
  return String(brand.id);
}

export const PROMPTS = [
  { prompt_text: 'What is the best CRM for a small agency?', category: 'Best of' },
  { prompt_text: 'Alternatives to Salesforce for startups', category: 'Alternatives' },
];

/** Creates a report, adds the prompts, runs it through the worker and waits for it to complete. */
export async function runCompletedReport(
  key: string,
  report: Record<string, unknown>,
  prompts: Array<{ prompt_text: string; category: string }> = PROMPTS,
): Promise<string> {
  const created = await expectStatus(call(key, 'POST', '/v1/reports', report), 201);
  await expectStatus(call(key, 'POST', `/v1/reports/${created.id}/prompts`, { prompts }), 201);
  const run = await expectStatus(call(key, 'POST', `/v1/reports/${created.id}/runs`, {}), 202);
  const job = await waitForJob(key, String(run.job_id));
  if (job.status !== 'completed') throw new Error(`run did not complete: ${JSON.stringify(job)}`);
  return String(created.id);
}

export type Json = Record<string, unknown>;
export interface Cited {
  url: string;
  domain: string;
  title: string | null;
  owned: boolean;
}
/** One answer's citations, as GET /v1/reports/{id} shows them, tagged with the report. */
export interface Answer {
  reportId: string;
  platform: string;
  citations: Cited[];
}

export async function answersOf(key: string, reportId: string): Promise<Answer[]> {
  const { body } = await call<{
    prompts: Array<{ results: Array<{ platform: string; citations: Cited[] }> }>;
  }>(key, 'GET', `/v1/reports/${reportId}`);
  return body.prompts.flatMap((prompt) =>
    prompt.results.map((result) => ({ reportId, platform: result.platform, citations: result.citations })),
  );
}

/** The result shape has no domain category; the stored result (what the worker recorded from) has. */
export async function categoriesOf(reportIds: string[]): Promise<Map<string, string>> {
  const { db } = (await testDeps()).database;
  const rows = await db
    .select({ citations: results.citations })
    .from(results)
    .where(inArray(results.reportId, reportIds));
  return new Map(
    rows.flatMap((row) => row.citations.map((cited) => [cited.url, cited.domain_category] as const)),
  );
}

function countPlatforms(platforms: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const platform of [...platforms].sort()) counts[platform] = (counts[platform] ?? 0) + 1;
  return counts;
}

/** Expected citation objects (without id and timestamps), by URL. */
export function expectedCitations(
  answers: Answer[],
  categories: Map<string, string>,
  brandId: string,
): Map<string, Json> {
  const byUrl = new Map<string, { cited: Cited; platforms: string[]; titles: Set<string> }>();
  for (const answer of answers) {
    for (const cited of answer.citations) {
      const entry = byUrl.get(cited.url) ?? { cited, platforms: [], titles: new Set<string>() };
      entry.platforms.push(answer.platform);
      if (cited.title !== null) entry.titles.add(cited.title);
      byUrl.set(cited.url, entry);
    }
  }
  const expected = new Map<string, Json>();
  for (const [url, { cited, platforms, titles }] of byUrl) {
    assert.ok(titles.size <= 1, `one title per URL in the sandbox: ${url}`);
    expected.set(url, {
      object: 'citation',
      brand_id: brandId,
      url,
      domain: cited.domain,
      title: [...titles][0] ?? null,
      owned: cited.owned,
      domain_category: categories.get(url),
      count: platforms.length,
      platforms: countPlatforms(platforms),
    });
  }
  return expected;
}

export function expectedDomains(citations: Json[]): Json[] {
  const byDomain = new Map<string, Json[]>();
  for (const citation of citations) {
    const domain = String(citation.domain);
    byDomain.set(domain, [...(byDomain.get(domain) ?? []), citation]);
  }
  const rows = [...byDomain].map(([domain, list]) => {
    const platforms: Record<string, number> = {};
    for (const citation of list) {
      for (const [platform, n] of Object.entries(citation.platforms as Record<string, number>))
        platforms[platform] = (platforms[platform] ?? 0) + n;
    }
    return {
      object: 'citation_domain',
      domain,
      domain_category: list[0]?.domain_category,
      owned: list[0]?.owned,
      count: list.reduce((sum, citation) => sum + Number(citation.count), 0),
      urls: list.length,
      platforms,
    };
  });
  return rows.sort((left, right) => right.count - left.count || (left.domain < right.domain ? -1 : 1));
}
