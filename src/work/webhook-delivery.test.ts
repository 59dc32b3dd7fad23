import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startReceiver } from '../../test/webhook-receiver.ts';
import { addMs } from '../clock.ts';
import { webhookDeliveries } from '../db/schema/index.ts';
import { useWebhookFixture } from './webhook-delivery.fixtures.ts';
import { claimNextDelivery } from './webhook-delivery.repo.ts';
import { verifyWebhookSignature } from './webhook-signature.ts';

const kit = useWebhookFixture();
const { deliverer, tenantWithBrand, createWebhook, finishReport, deliveriesOf, webhookRow } = kit;

describe('webhook delivery', () => {
  it('signs the POST, retries failures with backoff, and resets the failure run on success', async () => {
    const receiver = await startReceiver((n) => (n <= 2 ? 500 : 204));
    const { key, brandId } = await tenantWithBrand();
    const hook = await createWebhook(key, brandId, receiver.url);
    await finishReport(key, brandId, 'completed');
    const send = deliverer();
    const started = kit.now();

    assert.equal(await send.runOnce(), true);
    let [row] = await deliveriesOf(hook.id);
    assert.deepEqual(
      [row?.status, row?.attempts, row?.lastError, row?.runAt, row?.lockedUntil],
      ['pending', 1, 'HTTP 500', addMs(started, 500), null],
    );
    let webhook = await webhookRow(hook.id);
    assert.deepEqual(
      [webhook.consecutiveFailures, webhook.lastFailureAt, webhook.isActive],
      [1, started, true],
    );
    assert.equal(await send.runOnce(), false, 'not due before its backoff');

    kit.advance(500);
    assert.equal(await send.runOnce(), true);
    [row] = await deliveriesOf(hook.id);
    assert.deepEqual([row?.attempts, row?.runAt], [2, addMs(kit.now(), 1000)]);
    kit.advance(1000);
    assert.equal(await send.runOnce(), true);
    [row] = await deliveriesOf(hook.id);
    assert.deepEqual(
      [row?.status, row?.attempts, row?.deliveredAt, row?.lastError],
      ['delivered', 3, kit.now(), null],
    );
    webhook = await webhookRow(hook.id);
    assert.deepEqual(
      [webhook.consecutiveFailures, webhook.lastSuccessAt, webhook.isActive],
      [0, kit.now(), true],
    );

    assert.equal(receiver.received.length, 3);
    for (const request of receiver.received) {
      assert.equal(request.body, receiver.received[0]?.body, 'every attempt sends the same event');
      assert.equal(request.headers['content-type'], 'application/json');
      assert.equal(request.headers['x-sightline-event'], 'report.completed');
      assert.equal(request.headers['x-sightline-event-id'], request.json.id);
      const signature = String(request.headers['x-sightline-signature']);
      assert.ok(
        verifyWebhookSignature(hook.secret, request.body, signature, {
          nowSeconds: kit.now().getTime() / 1000,
        }),
      );
    }
    assert.deepEqual(Object.keys(receiver.received[0]?.json ?? {}), [
      'id',
      'type',
      'api_version',
      'created_at',
      'data',
    ]);
  });

  it('gives a delivery up after the attempt cap, and disables the endpoint after the failure run', async () => {
    const receiver = await startReceiver(() => 503);
    const { key, brandId } = await tenantWithBrand();
    const hook = await createWebhook(key, brandId, receiver.url);
    const send = deliverer({ maxAttempts: 3, disableAfterFailures: 5 });
    await finishReport(key, brandId, 'completed');
    for (let attempt = 0; attempt < 3; attempt++) {
      assert.equal(await send.runOnce(), true);
      kit.advance(60_000);
    }
    const [first] = await deliveriesOf(hook.id);
    assert.deepEqual([first?.status, first?.attempts, first?.lastError], ['failed', 3, 'HTTP 503']);
    assert.deepEqual(
      [(await webhookRow(hook.id)).isActive, (await webhookRow(hook.id)).consecutiveFailures],
      [true, 3],
    );

    await finishReport(key, brandId, 'completed');
    while (await send.runOnce()) kit.advance(60_000);
    const webhook = await webhookRow(hook.id);
    assert.equal(webhook.isActive, false);
    assert.equal(webhook.consecutiveFailures, 5);
    assert.equal(
      webhook.disabledReason,
      'Disabled after 5 consecutive failed deliveries; last error: HTTP 503',
    );
    const second = (await deliveriesOf(hook.id)).find((row) => row.id !== first?.id);
    assert.deepEqual([second?.status, second?.attempts], ['failed', 2]);
    assert.equal(receiver.received.length, 5);
  });

  it('sends nothing to an inactive endpoint or a private address, and times a silent receiver out', async () => {
    const receiver = await startReceiver(() => 'hang');
    const { key, brandId } = await tenantWithBrand();
    const hook = await createWebhook(key, brandId, receiver.url);
    await finishReport(key, brandId, 'completed');
    await kit.stack().call(key, 'PATCH', `/v1/brands/${brandId}/webhooks/${hook.id}`, { is_active: false });
    assert.equal(await deliverer().runOnce(), true);
    let [row] = await deliveriesOf(hook.id);
    assert.deepEqual([row?.status, row?.lastError], ['failed', 'The webhook is not active.']);
    await kit.stack().call(key, 'PATCH', `/v1/brands/${brandId}/webhooks/${hook.id}`, { is_active: true });
    await kit.deps().database.db.delete(webhookDeliveries);

    await finishReport(key, brandId, 'completed');
    assert.equal(await deliverer({}, kit.strictDeps()).runOnce(), true);
    [row] = await deliveriesOf(hook.id);
    assert.deepEqual([row?.status, row?.lastError], ['pending', '127.0.0.1 is a private address']);
    assert.equal(receiver.received.length, 0);

    kit.advance(60_000);
    assert.equal(await deliverer({ timeoutMs: 200 }).runOnce(), true);
    [row] = await deliveriesOf(hook.id);
    assert.deepEqual([row?.status, row?.attempts, row?.lastError], ['pending', 2, 'timed out after 200 ms']);
    assert.equal(receiver.received.length, 1);
  });

  it('sends a delivery again when its worker died mid-way (the lease lapses): at least once', async () => {
    const receiver = await startReceiver();
    const { key, brandId } = await tenantWithBrand();
    const hook = await createWebhook(key, brandId, receiver.url);
    await finishReport(key, brandId, 'completed');
    const now = kit.now();
    const claimed = await kit
      .deps()
      .database.db.transaction((tx) => claimNextDelivery(tx, { now, leaseUntil: addMs(now, 30_000) }));
    assert.equal(claimed?.delivery.webhookId, hook.id);
    assert.equal(await deliverer().runOnce(), false, 'a live lease is not taken over');
    kit.advance(30_001);
    assert.equal(await deliverer().runOnce(), true);
    const [row] = await deliveriesOf(hook.id);
    assert.deepEqual([row?.status, row?.attempts], ['delivered', 2]);
    assert.equal(receiver.received.length, 1);
  });
});
