import http from 'node:http';
import https from 'node:https';
import { addMs } from '../clock.ts';
import type { Deps } from '../deps.ts';
import { guardedLookup, literalHostAllowed } from '../resources/webhooks/webhook-url.ts';
import { backoffDelayMs } from './backoff.ts';
import {
  claimNextDelivery,
  type DeliveryRow,
  type DeliveryWebhookRow,
  disableWebhook,
  recordWebhookFailure,
  recordWebhookSuccess,
  releaseDelivery,
  settleDelivery,
} from './webhook-delivery.repo.ts';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER } from './webhook-signature.ts';

/** A run of this many failed attempts in a row, across the endpoint's deliveries, disables it. */
export const DISABLE_AFTER_CONSECUTIVE_FAILURES = 5;
/** A delivery is given up (status `failed`) after this many attempts. */
export const MAX_DELIVERY_ATTEMPTS = 8;

export interface WebhookDeliveryOptions {
  /** The whole exchange (connect, send, response headers) must finish within this. */
  timeoutMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  disableAfterFailures: number;
  random: () => number;
}

export const DEFAULT_WEBHOOK_DELIVERY: WebhookDeliveryOptions = {
  timeoutMs: 10_000,
  // Full-jitter ceilings 1, 2, 4 … 60 min: the 8 attempts span up to about two hours.
  retryBaseMs: 60_000,
  retryMaxMs: 60 * 60_000,
  maxAttempts: MAX_DELIVERY_ATTEMPTS,
  disableAfterFailures: DISABLE_AFTER_CONSECUTIVE_FAILURES,
  random: Math.random,
};

const USER_AGENT = 'Sightline-Webhooks/1';

/** Another worker took the delivery over (our lease lapsed); its outcome is the one that counts. */
class LostClaim extends Error {}

type Attempt = { ok: true } | { ok: false; error: string };

/** The event as sent: the stored payload with its fields in their documented order. */
export function deliveryBody(delivery: DeliveryRow): string {
  const { id, type, api_version, created_at, data } = delivery.payload;
  return JSON.stringify({ id, type, api_version, created_at, data });
}

/** One POST, never inside a transaction. 2xx is success; redirects are not followed. */
export function postWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowPrivate: boolean; signal: AbortSignal },
): Promise<Attempt> {
  const url = new URL(target);
  if (!options.allowPrivate && !literalHostAllowed(url)) {
    return Promise.resolve({ ok: false, error: `${url.hostname} is a private address` });
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<Attempt>((resolve) => {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    const stop = () => controller.abort();
    if (options.signal.aborted) stop();
    options.signal.addEventListener('abort', stop, { once: true });
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        // A fresh connection per delivery, so the guarded lookup checks every one.
        agent: false,
        lookup: options.allowPrivate ? undefined : guardedLookup,
        signal: controller.signal,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        resolve(status >= 200 && status < 300 ? { ok: true } : { ok: false, error: `HTTP ${status}` });
        // The status decides; the body is drained (still under the timeout) and ignored.
        response.resume();
      },
    );
    request.on('error', (error) => {
      resolve({ ok: false, error: timedOut ? `timed out after ${options.timeoutMs} ms` : error.message });
    });
    request.on('close', () => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', stop);
    });
    request.end(body);
  });
}

export interface WebhookDeliverer {
  /** Claims and sends one due delivery; false when none was due (or the in-flight cap is reached). */
  runOnce(): Promise<boolean>;
}

/**
 * Delivery as a worker step: claim a due delivery in a short transaction (FOR UPDATE SKIP LOCKED),
 * POST it with no transaction open, then record the outcome in a second one. A worker that dies
 * between the two leaves the lease to lapse and another worker sends it again: at least once.
 */
export function createWebhookDeliverer(
  deps: Deps,
  setup: { signal: AbortSignal; maxInFlight: number } & Partial<WebhookDeliveryOptions>,
): WebhookDeliverer {
  const options: WebhookDeliveryOptions = { ...DEFAULT_WEBHOOK_DELIVERY, ...setup };
  // The lease outlives the longest exchange, so a live delivery is never taken over.
  const leaseMs = options.timeoutMs * 3;
  const db = deps.database.db;
  let inFlight = 0;

  async function send(delivery: DeliveryRow, webhook: DeliveryWebhookRow): Promise<Attempt> {
    const body = deliveryBody(delivery);
    const timestamp = Math.floor(deps.clock.now().getTime() / 1000);
    return postWebhook(
      webhook.url,
      body,
      {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        'x-sightline-event': delivery.eventType,
        'x-sightline-event-id': delivery.eventId,
        [WEBHOOK_SIGNATURE_HEADER.toLowerCase()]: signWebhook(webhook.secret, body, timestamp),
      },
      {
        timeoutMs: options.timeoutMs,
        allowPrivate: deps.config.webhookAllowPrivateUrls,
        signal: setup.signal,
      },
    );
  }

  async function record(delivery: DeliveryRow, claim: { id: string; lockedUntil: Date }, attempt: Attempt) {
    await db.transaction(async (tx) => {
      const now = deps.clock.now();
      if (attempt.ok) {
        if (await settleDelivery(tx, claim, { status: 'delivered', deliveredAt: now, lastError: null }))
          await recordWebhookSuccess(tx, delivery.webhookId, now);
        return;
      }
      const failures = await recordWebhookFailure(tx, delivery.webhookId, now);
      const disabling = failures?.isActive && failures.consecutiveFailures >= options.disableAfterFailures;
      const givingUp = disabling || delivery.attempts >= options.maxAttempts;
      const settled = await settleDelivery(
        tx,
        claim,
        givingUp
          ? { status: 'failed', lastError: attempt.error }
          : {
              lastError: attempt.error,
              runAt: addMs(
                now,
                backoffDelayMs(delivery.attempts, {
                  baseMs: options.retryBaseMs,
                  maxMs: options.retryMaxMs,
                  random: options.random,
                }),
              ),
            },
      );
      if (!settled) throw new LostClaim();
      if (disabling) {
        const run = `${failures.consecutiveFailures} consecutive failed deliveries`;
        const reason = `Disabled after ${run}; last error: ${attempt.error}`;
        await disableWebhook(tx, delivery.webhookId, reason, now);
      }
    });
  }

  async function runOnce(): Promise<boolean> {
    if (inFlight >= setup.maxInFlight) return false;
    inFlight += 1;
    try {
      const now = deps.clock.now();
      const leaseUntil = addMs(now, leaseMs);
      const claimed = await db.transaction((tx) => claimNextDelivery(tx, { now, leaseUntil }));
      if (!claimed) return false;
      const { delivery, webhook } = claimed;
      const claim = { id: delivery.id, lockedUntil: leaseUntil };
      if (!webhook.isActive) {
        // Deactivated or disabled after the event: it receives nothing more.
        await settleDelivery(db, claim, { status: 'failed', lastError: 'The webhook is not active.' });
        return true;
      }
      const attempt = await send(delivery, webhook);
      if (!attempt.ok && setup.signal.aborted) {
        // Cut short by shutdown, not refused by the receiver: give it back untried.
        await releaseDelivery(db, claim, deps.clock.now());
        return true;
      }
      await record(delivery, claim, attempt).catch((error: unknown) => {
        if (!(error instanceof LostClaim)) throw error;
      });
      return true;
    } finally {
      inFlight -= 1;
    }
  }

  return { runOnce };
}
