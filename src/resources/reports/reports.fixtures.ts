import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import {
  type ApiResponse,
  call,
  createTenant,
  expectError,
  type TestTenant,
  testDeps,
} from '../../../test/harness.ts';
import { newId } from '../../clock.ts';
import type { Db } from '../../db/client.ts';
import {
  brandFacts,
  jobs,
  regionConfigs,
  reports,
  results,
  scheduledReports,
} from '../../db/schema/index.ts';

/** Test-only helpers shared by the report test files: HTTP setup plus rows only workers would write. */

export const acme = { name: 'Acme', website: 'https://acme.com', country: 'Spain', language: 'es' };
export const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The report body without the fields that vary per run, after checking their shape. */
export function stable(body: Record<string, unknown>): Record<string, unknown> {
  const { id, created_at, brand_id, ...rest } = body;
  assert.match(String(id), UUID);
  assert.match(String(created_at), ISO);
  assert.match(String(brand_id), UUID);
  return rest;
}

/** A new report of the `acme` brand, as every endpoint shows it. */
export const draftDefaults = {
  object: 'report',
  name: 'Acme Report',
  status: 'draft',
  ai_platforms: ['chatgpt', 'perplexity', 'ai_overviews', 'claude'],
  country: 'Spain',
  language: 'Spanish',
  location: null,
  samples: 1,
  region_config_id: null,
  scheduled_report_id: null,
  batch_id: null,
  failure_reason: null,
  visibility_score: null,
  ranked_prompts: 0,
  total_results: 0,
  completed_at: null,
};

/** Checks the error envelope and returns the location of its first field error. */
export function fieldLoc(response: ApiResponse, status: number, code: string): unknown {
  const details = expectError(response, status, code) as { errors: Array<{ loc: unknown[] }> };
  return details.errors[0]?.loc;
}

export async function testDb(): Promise<Db> {
  return (await testDeps()).database.db;
}

export interface Fixture {
  tenant: TestTenant;
  key: string;
  brandId: string;
  reportId: string;
  /** The report as POST /v1/reports returned it. */
  report: Record<string, unknown>;
}

/** A fresh tenant with one brand and one draft report on it. */
export async function setupReport(report: Record<string, unknown> = {}): Promise<Fixture> {
  const tenant = await createTenant();
  const brand = await call(tenant.key, 'POST', '/v1/brands', acme);
  const created = await call(tenant.key, 'POST', '/v1/reports', { brand_id: brand.body.id, ...report });
  if (created.status !== 201) throw new Error(`report setup failed: ${JSON.stringify(created.body)}`);
  return {
    tenant,
    key: tenant.key,
    brandId: String(brand.body.id),
    reportId: String(created.body.id),
    report: created.body,
  };
}

export async function addPrompts(key: string, reportId: string, texts: string[]): Promise<string[]> {
  const added = await call<{ data: Array<{ id: string }> }>(key, 'POST', `/v1/reports/${reportId}/prompts`, {
    prompts: texts.map((prompt_text) => ({ prompt_text })),
  });
  if (added.status !== 201) throw new Error(`prompt setup failed: ${JSON.stringify(added.body)}`);
  return added.body.data.map((prompt) => prompt.id);
}

/** What a run would do to the row; the API cannot move a report out of draft by itself. */
export async function setReport(reportId: string, changes: Partial<typeof reports.$inferInsert>) {
  await (await testDb()).update(reports).set(changes).where(eq(reports.id, reportId));
}

export async function insertResult(
  reportId: string,
  promptId: string,
  changes: Partial<typeof results.$inferInsert> = {},
): Promise<string> {
  const id = newId();
  await (await testDb()).insert(results).values({
    id,
    reportId,
    promptId,
    platform: 'chatgpt',
    sample: 1,
    status: 'completed',
    mentionedBrands: [],
    citations: [],
    createdAt: new Date('2026-01-02T03:04:05.678Z'),
    ...changes,
  });
  return id;
}

export async function setBrandFacts(brandId: string, description: string | null): Promise<void> {
  await (await testDb())
    .insert(brandFacts)
    .values({
      brandId,
      description,
      keyFacts: [],
      keyPeople: [],
      products: [],
      services: [],
      competitors: [],
      updatedAt: new Date(),
    })
    .onConflictDoUpdate({ target: brandFacts.brandId, set: { description } });
}

/** A schedule with one region config on the brand, as the schedules resource would create them. */
export async function insertRegionConfig(brandId: string): Promise<{ scheduleId: string; configId: string }> {
  const db = await testDb();
  const now = new Date();
  const scheduleId = newId();
  const configId = newId();
  await db.insert(scheduledReports).values({
    id: scheduleId,
    brandId,
    name: 'Weekly',
    frequency: 'weekly',
    isActive: true,
    nextRunAt: now,
    createdAt: now,
    updatedAt: now,
  });
  await db.insert(regionConfigs).values({
    id: configId,
    brandId,
    scheduledReportId: scheduleId,
    name: 'US',
    country: 'US',
    language: 'English',
    aiPlatforms: ['chatgpt'],
    isActive: true,
    createdAt: now,
    updatedAt: now,
  });
  return { scheduleId, configId };
}

export async function insertRunJob(accountId: string, reportId: string): Promise<string> {
  const id = newId();
  const now = new Date();
  await (await testDb()).insert(jobs).values({
    id,
    accountId,
    mode: 'test',
    type: 'report.run',
    status: 'processing',
    reportId,
    payload: {},
    runAt: now,
    createdAt: now,
    updatedAt: now,
  });
  return id;
}
