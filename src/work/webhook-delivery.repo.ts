import { and, arrayContains, asc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { webhookDeliveries, webhooks } from '../db/schema/index.ts';

export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
type NewDeliveryRow = typeof webhookDeliveries.$inferInsert;
export type DeliveryWebhookRow = typeof webhooks.$inferSelect;

/** The active webhooks of the brand that subscribe to this event type. */
export async function listSubscribedWebhookIds(
  db: Executor,
  brandId: string,
  eventType: string,
): Promise<string[]> {
  const rows = await db
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(
      and(
        eq(webhooks.brandId, brandId),
        eq(webhooks.isActive, true),
        arrayContains(webhooks.events, [eventType]),
      ),
    )
    .orderBy(asc(webhooks.id));
  return rows.map((row) => row.id);
}

export async function insertDeliveries(db: Executor, rows: NewDeliveryRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(webhookDeliveries).values(rows);
}

/**
 * Claims the next due delivery: pending, due, and not under a live lease (a claimed delivery whose
 * worker died is taken over when its lease lapses). Only the delivery row is locked, so several
 * deliveries to one endpoint can be in flight at once.
 */
export async function claimNextDelivery(
  tx: Executor,
  claim: { now: Date; leaseUntil: Date },
): Promise<{ delivery: DeliveryRow; webhook: DeliveryWebhookRow } | undefined> {
  const [candidate] = await tx
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.status, 'pending'),
        lte(webhookDeliveries.runAt, claim.now),
        or(isNull(webhookDeliveries.lockedUntil), lt(webhookDeliveries.lockedUntil, claim.now)),
      ),
    )
    .orderBy(webhookDeliveries.runAt, webhookDeliveries.id)
    .limit(1)
    .for('update', { skipLocked: true });
  if (!candidate) return undefined;
  const [delivery] = await tx
    .update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, lockedUntil: claim.leaseUntil })
    .where(eq(webhookDeliveries.id, candidate.id))
    .returning();
  if (!delivery) return undefined;
  const [webhook] = await tx.select().from(webhooks).where(eq(webhooks.id, delivery.webhookId));
  if (!webhook) return undefined;
  return { delivery, webhook };
}

/** The claim is still ours: no other worker took the delivery over after our lease lapsed. */
function ownClaim(claim: { id: string; lockedUntil: Date }) {
  return and(
    eq(webhookDeliveries.id, claim.id),
    eq(webhookDeliveries.status, 'pending'),
    eq(webhookDeliveries.lockedUntil, claim.lockedUntil),
  );
}

/** Settles a claimed delivery; false when the claim was lost (then nothing is recorded). */
export async function settleDelivery(
  db: Executor,
  claim: { id: string; lockedUntil: Date },
  changes: Pick<Partial<NewDeliveryRow>, 'status' | 'runAt' | 'lastError' | 'deliveredAt'>,
): Promise<boolean> {
  const rows = await db
    .update(webhookDeliveries)
    .set({ ...changes, lockedUntil: null })
    .where(ownClaim(claim))
    .returning({ id: webhookDeliveries.id });
  return rows.length > 0;
}

/** Gives a claimed delivery back untried (the worker is stopping): the attempt does not count. */
export async function releaseDelivery(
  db: Executor,
  claim: { id: string; lockedUntil: Date },
  now: Date,
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      lockedUntil: null,
      runAt: now,
      attempts: sql`greatest(${webhookDeliveries.attempts} - 1, 0)`,
    })
    .where(ownClaim(claim));
}

export async function recordWebhookSuccess(db: Executor, webhookId: string, now: Date): Promise<void> {
  await db
    .update(webhooks)
    .set({ consecutiveFailures: 0, lastSuccessAt: now })
    .where(eq(webhooks.id, webhookId));
}

/** Counts one more failed attempt; returns the run of failures so far and whether the endpoint is active. */
export async function recordWebhookFailure(
  db: Executor,
  webhookId: string,
  now: Date,
): Promise<{ consecutiveFailures: number; isActive: boolean } | undefined> {
  const [row] = await db
    .update(webhooks)
    .set({ consecutiveFailures: sql`${webhooks.consecutiveFailures} + 1`, lastFailureAt: now })
    .where(eq(webhooks.id, webhookId))
    .returning({ consecutiveFailures: webhooks.consecutiveFailures, isActive: webhooks.isActive });
  return row;
}

export async function disableWebhook(
  db: Executor,
  webhookId: string,
  reason: string,
  now: Date,
): Promise<void> {
  await db
    .update(webhooks)
    .set({ isActive: false, disabledReason: reason, updatedAt: now })
    .where(and(eq(webhooks.id, webhookId), eq(webhooks.isActive, true)));
}
