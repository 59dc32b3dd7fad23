import { and, count, desc, eq, lt, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { brands, webhooks } from '../../db/schema/index.ts';

export type WebhookRow = typeof webhooks.$inferSelect;
export type NewWebhookRow = typeof webhooks.$inferInsert;

export async function findWebhook(
  db: Executor,
  brandId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<WebhookRow | undefined> {
  const query = db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.brandId, brandId), eq(webhooks.id, id)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function listWebhooks(
  db: Executor,
  brandId: string,
  options: { limit: number; afterId: string | null; isActive?: boolean },
): Promise<WebhookRow[]> {
  return db
    .select()
    .from(webhooks)
    .where(
      and(
        eq(webhooks.brandId, brandId),
        options.afterId ? lt(webhooks.id, options.afterId) : undefined,
        options.isActive === undefined ? undefined : eq(webhooks.isActive, options.isActive),
      ),
    )
    .orderBy(desc(webhooks.id))
    .limit(options.limit + 1);
}

/** Serialises the brand's cap check and the write that follows it (two creations cannot both pass). */
export async function lockBrand(tx: Executor, brandId: string): Promise<void> {
  await tx.select({ id: brands.id }).from(brands).where(eq(brands.id, brandId)).for('update');
}

export async function countActiveWebhooks(
  db: Executor,
  brandId: string,
  exceptId: string | null = null,
): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(webhooks)
    .where(
      and(
        eq(webhooks.brandId, brandId),
        eq(webhooks.isActive, true),
        exceptId ? ne(webhooks.id, exceptId) : undefined,
      ),
    );
  return row?.value ?? 0;
}

export async function insertWebhook(db: Executor, row: NewWebhookRow): Promise<WebhookRow> {
  const [inserted] = await db.insert(webhooks).values(row).returning();
  if (!inserted) throw new Error('insert returned no row');
  return inserted;
}

export async function updateWebhook(
  db: Executor,
  id: string,
  changes: Partial<NewWebhookRow>,
): Promise<WebhookRow> {
  const [updated] = await db.update(webhooks).set(changes).where(eq(webhooks.id, id)).returning();
  if (!updated) throw new Error('update returned no row');
  return updated;
}

export async function deleteWebhook(db: Executor, id: string): Promise<void> {
  await db.delete(webhooks).where(eq(webhooks.id, id));
}
