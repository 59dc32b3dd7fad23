import assert from 'node:assert/strict';
import {
  type ApiResponse,
  call,
  createTenant,
  expectSecurity,
  type TestTenant,
  testDeps,
} from '../../../test/harness.ts';
import { newId } from '../../clock.ts';
import type { Db } from '../../db/client.ts';
import { reportPrompts, reports } from '../../db/schema/index.ts';

/** Test-only helpers shared by the scheduled-report and region-config test files. */

export const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function testDb(): Promise<Db> {
  return (await testDeps()).database.db;
}

export interface Setup {
  tenant: TestTenant;
  key: string;
  brandId: string;
  scheduleId: string;
}

export async function createBrand(key: string, name = 'Acme'): Promise<string> {
  const brand = await call(key, 'POST', '/v1/brands', { name, website: 'https://acme.com' });
  assert.equal(brand.status, 201);
  return String(brand.body.id);
}

export async function createSchedule(
  key: string,
  brandId: string,
  body: Record<string, unknown> = {},
): Promise<ApiResponse> {
  const created = await call(key, 'POST', '/v1/scheduled-reports', {
    brand_id: brandId,
    name: 'Weekly EU',
    frequency: 'weekly',
    ...body,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created;
}

/** A fresh tenant with one brand and one weekly schedule on it. */
export async function setupSchedule(): Promise<Setup> {
  const tenant = await createTenant();
  const brandId = await createBrand(tenant.key);
  const schedule = await createSchedule(tenant.key, brandId);
  return { tenant, key: tenant.key, brandId, scheduleId: String(schedule.body.id) };
}

export function regionConfigBody(setup: Setup, body: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    brand_id: setup.brandId,
    scheduled_report_id: setup.scheduleId,
    name: 'Spain',
    country: 'ES',
    ai_platforms: ['chatgpt', 'perplexity'],
    ...body,
  };
}

export async function createRegionConfig(setup: Setup, body: Record<string, unknown> = {}): Promise<string> {
  const created = await call(setup.key, 'POST', '/v1/region-configs', regionConfigBody(setup, body));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return String(created.body.id);
}

/** A report written straight to the table, so these tests do not depend on the reports resource. */
export async function insertReport(
  brandId: string,
  prompts: Array<{ promptText: string; category: string | null }>,
): Promise<string> {
  const db = await testDb();
  const id = newId();
  const now = new Date();
  await db.insert(reports).values({
    id,
    brandId,
    name: 'Source',
    status: 'completed',
    aiPlatforms: ['chatgpt'],
    createdAt: now,
    updatedAt: now,
  });
  if (prompts.length > 0) {
    await db
      .insert(reportPrompts)
      .values(
        prompts.map((prompt) => ({ id: newId(), reportId: id, ...prompt, createdAt: now, updatedAt: now })),
      );
  }
  return id;
}

/** The body without the fields that vary from run to run. */
export function stable(body: unknown, ...keys: string[]): Record<string, unknown> {
  const copy = { ...(body as Record<string, unknown>) };
  for (const key of ['id', 'created_at', ...keys]) delete copy[key];
  return copy;
}

export interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  scope: string;
  status: number;
}

/**
 * The security cases every endpoint gets: no key, a key without the scope, another account's key,
 * a live key on test data, and a key restricted to another brand of the same account. Then the
 * endpoint succeeds with a key holding only its own scope (DELETEs last, so they do not hide others).
 */
export async function assertSecured(tenant: TestTenant, otherBrandId: string, endpoints: Endpoint[]) {
  const outsiders = {
    stranger: (await createTenant()).key,
    live: await tenant.keyWith({ mode: 'live' }),
    restricted: await tenant.keyWith({ allowedBrandId: otherBrandId }),
  };
  for (const { method, url, body, scope, status } of endpoints) {
    const where = `${method} ${url}`;
    await expectSecurity(outsiders, method, url, body);
    // The whole error, message included, not only its details.
    const wrongScope = await tenant.keyWith({ scopes: ['read:meta'] });
    const { status: denied, body: deniedBody } = await call(wrongScope, method, url, body);
    assert.equal(denied, 403, where);
    assert.deepEqual(
      (deniedBody as { error: unknown }).error,
      {
        code: 'insufficient_scope',
        message: `This endpoint requires the \`${scope}\` scope.`,
        details: { required_scope: scope, key_scopes: ['read:meta'] },
      },
      where,
    );
    const allowed = await call(await tenant.keyWith({ scopes: [scope] }), method, url, body);
    assert.equal(allowed.status, status, `${where}: ${JSON.stringify(allowed.body)}`);
  }
}
