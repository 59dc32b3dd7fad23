import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { newId } from '../clock.ts';
import { reports } from '../db/schema/index.ts';
import { useWebhookFixture } from './webhook-delivery.fixtures.ts';
import { recordReportEvents, recordScheduleRunEvent } from './webhook-events.ts';

const kit = useWebhookFixture();
const UNUSED_URL = 'http://127.0.0.1:9/unused';

describe('the webhook outbox', () => {
  it('writes one delivery per active subscribed webhook, only for finished reports, only on commit', async () => {
    const { key, brandId } = await kit.tenantWithBrand();
    const other = await kit.tenantWithBrand();
    const both = await kit.createWebhook(key, brandId, UNUSED_URL, ['report.completed', 'report.failed']);
    const failedOnly = await kit.createWebhook(key, brandId, UNUSED_URL, ['report.failed']);
    const inactive = await kit.createWebhook(key, brandId, UNUSED_URL, ['report.completed']);
    await kit
      .stack()
      .call(key, 'PATCH', `/v1/brands/${brandId}/webhooks/${inactive.id}`, { is_active: false });
    const otherBrand = await kit.createWebhook(other.key, other.brandId, UNUSED_URL, ['report.completed']);

    const completedId = await kit.finishReport(key, brandId, 'completed');
    const [delivery, ...extra] = await kit.deliveriesOf(both.id);
    assert.deepEqual(extra, []);
    assert.match(String(delivery?.eventId), /^evt_[0-9a-f-]{36}$/);
    const at = kit.now().toISOString();
    assert.deepEqual(
      { ...delivery?.payload, id: 'evt' },
      {
        id: 'evt',
        type: 'report.completed',
        api_version: 'v1',
        created_at: at,
        data: {
          id: completedId,
          brand_id: brandId,
          name: 'Acme Report',
          status: 'completed',
          visibility_score: 42.5,
          failure_reason: null,
          batch_id: null,
          scheduled_report_id: null,
          completed_at: at,
        },
      },
    );
    assert.equal(delivery?.payload.id, delivery?.eventId);
    assert.deepEqual(
      [delivery?.status, delivery?.attempts, delivery?.eventType],
      ['pending', 0, 'report.completed'],
    );
    for (const id of [failedOnly.id, inactive.id, otherBrand.id])
      assert.deepEqual(await kit.deliveriesOf(id), []);

    await kit.finishReport(key, brandId, 'failed');
    const [failedEvent] = (await kit.deliveriesOf(failedOnly.id)).map((row) => row.payload);
    assert.equal(failedEvent?.type, 'report.failed');
    assert.deepEqual(failedEvent?.data, {
      ...(failedEvent?.data as object),
      status: 'failed',
      failure_reason: 'No answer could be collected',
      visibility_score: null,
    });
    const sameEvent = (await kit.deliveriesOf(both.id)).find((row) => row.eventType === 'report.failed');
    assert.equal(sameEvent?.eventId, failedEvent?.id, 'one event, one id, for every endpoint');

    const draft = await kit
      .stack()
      .call(key, 'POST', '/v1/reports', { brand_id: brandId, ai_platforms: ['chatgpt'] });
    const draftId = String(draft.body.id);
    const db = kit.deps().database.db;
    const context = { now: kit.now(), newId };
    await db.transaction((tx) => recordReportEvents(tx, context, [draftId]));
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.update(reports).set({ status: 'failed' }).where(eq(reports.id, draftId));
        await recordReportEvents(tx, context, [draftId]);
        throw new Error('rolled back');
      }),
    );
    assert.equal(
      (await kit.deliveriesOf(both.id)).length,
      2,
      'no event for a draft nor for a rolled-back change',
    );
  });

  it('writes schedule run events with the run summary', async () => {
    const { key, brandId } = await kit.tenantWithBrand();
    const hook = await kit.createWebhook(key, brandId, UNUSED_URL, ['schedule.run.failed']);
    const scheduledReportId = newId();
    const run = {
      brandId,
      scheduledReportId,
      jobId: null,
      batchId: null,
      reportIds: [],
      status: 'failed' as const,
      error: 'brand_facts_required: no facts',
    };
    await kit
      .deps()
      .database.db.transaction((tx) => recordScheduleRunEvent(tx, { now: kit.now(), newId }, run));
    const [row] = await kit.deliveriesOf(hook.id);
    assert.equal(row?.eventType, 'schedule.run.failed');
    assert.deepEqual(row?.payload.data, {
      scheduled_report_id: scheduledReportId,
      batch_id: null,
      job_id: null,
      report_ids: [],
      status: 'failed',
      error: 'brand_facts_required: no facts',
    });
  });
});
