import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { webhookDeliveries } from '../src/db/schema/index.ts';
import { verifyWebhookSignature } from '../src/work/webhook-signature.ts';
import { startTestWorker } from './harness.ts';
import {
  buildStack,
  createBrandWithFacts,
  createReport,
  createStackTenant,
  expectStatus,
  openPipelineDatabase,
  type PipelineDatabase,
  runReport,
  type Stack,
} from './pipeline/stack.ts';
import { eventually, type ReceivedWebhook, startReceiver } from './webhook-receiver.ts';

type Json = Record<string, unknown>;

// A database of this file's own on PostgreSQL: another file's worker (default configuration, which
// refuses loopback receivers) must not claim these deliveries.
let pipeline: PipelineDatabase;
let stack: Stack;

before(async () => {
  pipeline = await openPipelineDatabase();
  stack = await buildStack(pipeline.database, { WEBHOOK_ALLOW_PRIVATE_URLS: 'true' });
});
after(async () => {
  await stack.close();
  await pipeline.close();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A worker for this test (stopped when it ends) on this file's deps, with short retry delays. */
async function startWorker(): Promise<void> {
  await startTestWorker({ webhooks: { retryBaseMs: 20, retryMaxMs: 100 } }, stack.deps);
}

async function testTenant(): Promise<string> {
  return (await createStackTenant(pipeline.database, { mode: 'test' })).key;
}

async function subscribe(key: string, brandId: string, url: string, events = ['report.completed']) {
  const created = await stack.call(key, 'POST', `/v1/brands/${brandId}/webhooks`, { url, events });
  expectStatus(created, 201);
  return { id: String(created.body.id), secret: String(created.body.secret) };
}

/** Runs a one-prompt sandbox report to its end; returns its id. */
async function runSandboxReport(key: string, brandId: string): Promise<string> {
  const reportId = await createReport(stack, key, brandId, { platforms: ['chatgpt'], prompts: 1 });
  const job = await stack.waitForJob(key, await runReport(stack, key, reportId));
  assert.equal(job.status, 'completed');
  return reportId;
}

async function webhookOf(key: string, brandId: string, id: string): Promise<Json> {
  return (await stack.call(key, 'GET', `/v1/brands/${brandId}/webhooks/${id}`)).body;
}

function signature(request: ReceivedWebhook): string {
  return String(request.headers['x-sightline-signature']);
}

describe('webhooks end to end (sandbox runs, a worker, a loopback receiver)', () => {
  it('delivers report.completed signed; two failures then a success leave the endpoint healthy', async () => {
    const receiver = await startReceiver((n) => (n <= 2 ? 500 : 200));
    await startWorker();
    const key = await testTenant();
    const brandId = await createBrandWithFacts(stack, key);
    const hook = await subscribe(key, brandId, receiver.url);
    const failedOnly = await subscribe(key, brandId, receiver.url, ['report.failed']);
    const reportId = await runSandboxReport(key, brandId);

    const requests = await receiver.waitFor(3);
    await eventually(async () => (await webhookOf(key, brandId, hook.id)).consecutive_failures === 0);
    const { body: report } = await stack.call(key, 'GET', `/v1/reports/${reportId}`);
    for (const request of requests) {
      assert.equal(request.body, requests[0]?.body, 'the same event, retried');
      assert.ok(
        verifyWebhookSignature(hook.secret, request.body, signature(request), { nowSeconds: nowSeconds() }),
      );
      assert.equal(request.headers['content-type'], 'application/json');
      assert.equal(request.headers['x-sightline-event'], 'report.completed');
      assert.equal(request.headers['x-sightline-event-id'], request.json.id);
    }
    const event = requests[0]?.json ?? {};
    assert.match(String(event.id), /^evt_[0-9a-f-]{36}$/);
    assert.match(String(event.created_at), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.deepEqual(
      { type: event.type, api_version: event.api_version, data: event.data },
      {
        type: 'report.completed',
        api_version: 'v1',
        data: {
          id: reportId,
          brand_id: brandId,
          name: report.name,
          status: 'completed',
          visibility_score: report.visibility_score,
          failure_reason: null,
          batch_id: null,
          scheduled_report_id: null,
          completed_at: report.completed_at,
        },
      },
    );

    const webhook = await webhookOf(key, brandId, hook.id);
    assert.deepEqual(
      [webhook.is_active, webhook.consecutive_failures, webhook.disabled_reason],
      [true, 0, null],
    );
    assert.equal(typeof webhook.last_success_at, 'string');
    assert.equal(typeof webhook.last_failure_at, 'string');
    const rows = await pipeline.database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.webhookId, hook.id));
    assert.deepEqual(
      rows.map((row) => [row.status, row.attempts, row.eventId]),
      [['delivered', 3, event.id]],
    );
    const unsubscribed = await pipeline.database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.webhookId, failedOnly.id));
    assert.deepEqual(unsubscribed, []);
    assert.equal(receiver.received.length, 3);
  });

  it('disables an endpoint that always fails, with the reason, and sends it nothing more', async () => {
    const receiver = await startReceiver(() => 500);
    await startWorker();
    const key = await testTenant();
    const brandId = await createBrandWithFacts(stack, key);
    const hook = await subscribe(key, brandId, receiver.url);
    await runSandboxReport(key, brandId);

    await eventually(async () => (await webhookOf(key, brandId, hook.id)).is_active === false);
    const webhook = await webhookOf(key, brandId, hook.id);
    assert.equal(webhook.consecutive_failures, 5);
    assert.equal(
      webhook.disabled_reason,
      'Disabled after 5 consecutive failed deliveries; last error: HTTP 500',
    );
    assert.equal(receiver.received.length, 5);

    await runSandboxReport(key, brandId);
    const rows = await pipeline.database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.webhookId, hook.id));
    assert.deepEqual(
      rows.map((row) => [row.status, row.attempts]),
      [['failed', 5]],
      'a disabled endpoint is not subscribed to new events',
    );
  });

  it('signs the next delivery with a rotated secret only', async () => {
    const receiver = await startReceiver();
    await startWorker();
    const key = await testTenant();
    const brandId = await createBrandWithFacts(stack, key);
    const hook = await subscribe(key, brandId, receiver.url);
    await runSandboxReport(key, brandId);
    const [first] = await receiver.waitFor(1);
    assert.ok(
      first &&
        verifyWebhookSignature(hook.secret, first.body, signature(first), { nowSeconds: nowSeconds() }),
    );

    const rotated = await stack.call(key, 'POST', `/v1/brands/${brandId}/webhooks/${hook.id}/rotations`, {});
    expectStatus(rotated, 201);
    const secret = String(rotated.body.secret);
    assert.notEqual(secret, hook.secret);
    await runSandboxReport(key, brandId);
    const [, second] = await receiver.waitFor(2);
    assert.ok(second);
    assert.notEqual(second.json.id, first.json.id);
    assert.equal(
      verifyWebhookSignature(secret, second.body, signature(second), { nowSeconds: nowSeconds() }),
      true,
    );
    assert.equal(
      verifyWebhookSignature(hook.secret, second.body, signature(second), { nowSeconds: nowSeconds() }),
      false,
    );
  });

  it('announces a schedule execution: each report, then the run with its batch', async () => {
    const receiver = await startReceiver();
    await startWorker();
    const key = await testTenant();
    const brandId = await createBrandWithFacts(stack, key);
    await subscribe(key, brandId, receiver.url, ['schedule.run.completed', 'report.completed']);
    const schedule = await stack.call(key, 'POST', '/v1/scheduled-reports', {
      brand_id: brandId,
      name: 'Weekly',
      frequency: 'weekly',
    });
    expectStatus(schedule, 201);
    const config = await stack.call(key, 'POST', '/v1/region-configs', {
      brand_id: brandId,
      scheduled_report_id: schedule.body.id,
      name: 'US',
      country: 'US',
      ai_platforms: ['chatgpt'],
    });
    expectStatus(config, 201);
    const prompts = await stack.call(key, 'POST', `/v1/region-configs/${config.body.id}/prompts`, {
      prompts: [
        { prompt_text: 'Which analytics tools compare well with Acme Analytics?', category: 'Comparison' },
      ],
    });
    expectStatus(prompts, 201);
    const execution = await stack.call(
      key,
      'POST',
      `/v1/scheduled-reports/${schedule.body.id}/executions`,
      {},
    );
    expectStatus(execution, 202);
    const job = await stack.waitForJob(key, String(execution.body.job_id));
    assert.equal(job.status, 'completed');

    const events = (await receiver.waitFor(2)).map((request) => request.json);
    const byType = new Map(events.map((event) => [event.type, event.data as Json]));
    const report = byType.get('report.completed');
    assert.equal(report?.scheduled_report_id, schedule.body.id);
    assert.equal(typeof report?.batch_id, 'string');
    assert.deepEqual(byType.get('schedule.run.completed'), {
      scheduled_report_id: schedule.body.id,
      batch_id: report?.batch_id,
      job_id: execution.body.job_id,
      report_ids: [report?.id],
      status: 'completed',
      error: null,
    });
  });
});
