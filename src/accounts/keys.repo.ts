import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { apiKeys } from '../db/schema/index.ts';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export async function findKeyByHash(db: Executor, hash: string): Promise<ApiKeyRow | undefined> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.hash, hash)).limit(1);
  return row;
}

export async function insertKey(db: Executor, row: typeof apiKeys.$inferInsert): Promise<ApiKeyRow> {
  const [inserted] = await db.insert(apiKeys).values(row).returning();
  if (!inserted) throw new Error('insert returned no row');
  return inserted;
}

export async function listKeys(db: Executor, accountId: string): Promise<ApiKeyRow[]> {
  return db.select().from(apiKeys).where(eq(apiKeys.accountId, accountId)).orderBy(desc(apiKeys.id));
}

export async function revokeKey(db: Executor, keyId: string, at: Date): Promise<ApiKeyRow | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: at })
    .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
    .returning();
  return row;
}
