import { and, desc, eq, lt } from 'drizzle-orm';
import type { CreditTransactionRow } from '../../accounts/accounts.repo.ts';
import type { Executor } from '../../db/client.ts';
import { accounts, creditTransactions } from '../../db/schema/index.ts';

export async function findBalance(
  db: Executor,
  accountId: string,
): Promise<{ balance: number; updatedAt: Date } | undefined> {
  const [row] = await db
    .select({ balance: accounts.balance, updatedAt: accounts.balanceUpdatedAt })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return row;
}

export async function listTransactions(
  db: Executor,
  accountId: string,
  options: { limit: number; afterId: string | null },
): Promise<CreditTransactionRow[]> {
  return db
    .select()
    .from(creditTransactions)
    .where(
      and(
        eq(creditTransactions.accountId, accountId),
        options.afterId ? lt(creditTransactions.id, options.afterId) : undefined,
      ),
    )
    .orderBy(desc(creditTransactions.id))
    .limit(options.limit + 1);
}
