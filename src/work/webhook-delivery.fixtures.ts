// Set-up shared by the outbox and delivery tests: a database of the file's own, an app to create
// tenants' objects through, and deps on a fake clock for the writer and the deliverer.
import assert from 'node:assert/strict';
import { after, afterEach, before } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  buildStack,
  createStackTenant,
  openPipelineDatabase,
  type PipelineDatabase,
  type Stack,
} from '../../test/pipeline/stack.ts';
import { addMs, newId } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { reports, webhookDeliveries, webhooks } from '../db/schema/index.ts';
import { createDeps, type Deps } from '../deps.ts';
import {
  createWebhookDeliverer,
  type WebhookDeliverer,
  type WebhookDeliveryOptions,
} from './webhook-delivery.ts';
import { recordReportEvents } from './webhook-events.ts';

export interface WebhookFixture {
  deps(): Deps;
  stack(): Stack;
  now(): Date;
  advance(ms: number): Date;
  /** Deps with the default configuration: private addresses refused. */
  strictDeps(): Deps;
  /** Backoff 1 s × 2^(n−1) × 0.5: retries are due exactly 500 ms, 1 s, 2 s … after a failure. */
  deliverer(options?: Partial<WebhookDeliveryOptions>, using?: Deps): WebhookDeliverer;
  tenantWithBrand(): Promise<{ key: string; brandId: string }>;
  createWebhook(
    key: string,
    brandId: string,
    url: string,
    events?: string[],
  ): Promise<{ id: string; secret: string }>;
  /** A report of the brand put straight into `status`, its event recorded as the worker does. */
  finishReport(key: string, brandId: string, status: 'completed' | 'failed'): Promise<string>;
  deliveriesOf(webhookId: string): Promise<Array<typeof webhookDeliveries.$inferSelect>>;
  webhookRow(id: string): Promise<typeof webhooks.$inferSelect>;
}

/**
 * On PostgreSQL the database is the file's own, so no other file's worker claims these deliveries.
 * Deliveries are deleted after each test so the next one's deliverer does not find them due.
 */
export function useWebhookFixture(): WebhookFixture {
  let pipeline: PipelineDatabase | undefined;
  let stack: Stack | undefined;
  let deps: Deps | undefined;
  let now = new Date('2030-01-01T00:00:00.000Z');
  const clock = { now: () => now };
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('fixture used before its set-up ran');
    return value;
  };

  before(async () => {
    pipeline = await openPipelineDatabase();
    stack = await buildStack(pipeline.database, { WEBHOOK_ALLOW_PRIVATE_URLS: 'true' });
    const config = loadConfig({ LOG_LEVEL: 'silent', WEBHOOK_ALLOW_PRIVATE_URLS: 'true' });
    deps = createDeps(config, pipeline.database, { clock });
  });
  afterEach(async () => {
    await deps?.database.db.delete(webhookDeliveries);
  });
  after(async () => {
    await stack?.close();
    await pipeline?.close();
  });

  const fixture: WebhookFixture = {
    deps: () => ready(deps),
    stack: () => ready(stack),
    now: () => now,
    advance(ms) {
      now = addMs(now, ms);
      return now;
    },
    strictDeps: () => createDeps(loadConfig({ LOG_LEVEL: 'silent' }), ready(pipeline).database, { clock }),
    deliverer: (options = {}, using = ready(deps)) =>
      createWebhookDeliverer(using, {
        signal: new AbortController().signal,
        maxInFlight: 1,
        retryBaseMs: 1000,
        retryMaxMs: 60_000,
        random: () => 0.5,
        ...options,
      }),
    async tenantWithBrand() {
      const { key } = await createStackTenant(ready(pipeline).database, { mode: 'test' });
      const brand = await ready(stack).call(key, 'POST', '/v1/brands', {
        name: 'Acme',
        website: 'https://acme.com',
      });
      return { key, brandId: String(brand.body.id) };
    },
    async createWebhook(key, brandId, url, events = ['report.completed']) {
      const created = await ready(stack).call(key, 'POST', `/v1/brands/${brandId}/webhooks`, { url, events });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return { id: String(created.body.id), secret: String(created.body.secret) };
    },
    async finishReport(key, brandId, status) {
      const body = { brand_id: brandId, ai_platforms: ['chatgpt'] };
      const reportId = String((await ready(stack).call(key, 'POST', '/v1/reports', body)).body.id);
      await ready(deps).database.db.transaction(async (tx) => {
        const changes =
          status === 'completed'
            ? { status, visibilityScore: 42.5, completedAt: now, updatedAt: now }
            : { status, failureReason: 'No answer could be collected', updatedAt: now };
        await tx.update(reports).set(changes).where(eq(reports.id, reportId));
        await recordReportEvents(tx, { now, newId }, [reportId]);
      });
      return reportId;
    },
    deliveriesOf: (webhookId) =>
      ready(deps)
        .database.db.select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.webhookId, webhookId)),
    async webhookRow(id) {
      const [row] = await ready(deps).database.db.select().from(webhooks).where(eq(webhooks.id, id));
      if (!row) throw new Error(`no webhook ${id}`);
      return row;
    },
  };
  return fixture;
}
