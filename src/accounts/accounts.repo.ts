import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { accounts, creditTransactions } from '../db/schema/index.ts';

export type AccountRow = typeof accounts.$inferSelect;
export type CreditTransactionRow = typeof creditTransactions.$inferSelect;

export async function insertAccount(db: Executor, row: typeof accounts.$inferInsert): Promise<AccountRow> {
  const [inserted] = await db.insert(accounts).values(row).returning();
  if (!inserted) throw new Error('insert returned no row');
  return inserted;
}

export async function findAccount(db: Executor, id: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
  return row;
}

export async function countAccounts(db: Executor): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(accounts);
  return row?.count ?? 0;
}

/**
 * Moves the balance by `amount` and appends the ledger row in one statement pair inside the caller's
 * transaction. Returns null when the balance would go below zero (nothing is written then).
 */
export async function applyCreditChange(
  db: Executor,
  change: {
    id: string;
    accountId: string;
    kind: CreditTransactionRow['kind'];
    amount: number;
    reason: string;
    jobId: string | null;
    at: Date;
  },
): Promise<CreditTransactionRow | null> {
  const [account] = await db
    .update(accounts)
    .set({ balance: sql`${accounts.balance} + ${change.amount}`, balanceUpdatedAt: change.at })
    .where(sql`${accounts.id} = ${change.accountId} and ${accounts.balance} + ${change.amount} >= 0`)
    .returning({ balance: accounts.balance });
  if (!account) return null;
  const [row] = await db
    .insert(creditTransactions)
    .values({
      id: change.id,
      accountId: change.accountId,
      kind: change.kind,
      amount: change.amount,
      reason: change.reason,
      jobId: change.jobId,
      balanceAfter: account.balance,
      createdAt: change.at,
    })
    .returning();
  return row ?? null;
}
