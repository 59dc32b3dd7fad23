import type { CreditTransactionRow } from '../../accounts/accounts.repo.ts';
import { iso } from '../../clock.ts';
import type { Deps } from '../../deps.ts';
import { decodeCursor, type Page, toPage } from '../../http/pagination.ts';
import type { Principal } from '../../http/principal.ts';
import * as repo from './credits.repo.ts';
import type {
  CreditBalanceJson,
  CreditTransactionJson,
  ListCreditTransactionsQuery,
} from './credits.schemas.ts';

// Credits belong to the account, not to a mode or a brand: test keys and brand-restricted keys
// read the same balance and ledger as any other key of the account (their scope permitting).

export function presentTransaction(row: CreditTransactionRow): CreditTransactionJson {
  return {
    id: row.id,
    object: 'credit_transaction',
    amount: row.amount,
    reason: row.reason,
    job_id: row.jobId,
    balance_after: row.balanceAfter,
    created_at: iso(row.createdAt),
  };
}

export async function getBalance(deps: Deps, principal: Principal): Promise<CreditBalanceJson> {
  const account = await repo.findBalance(deps.database.db, principal.accountId);
  // The key was just resolved to this account and keys are deleted with their account.
  if (!account) throw new Error(`account ${principal.accountId} vanished`);
  return { object: 'credit_balance', balance: account.balance, updated_at: iso(account.updatedAt) };
}

export async function listTransactions(
  deps: Deps,
  principal: Principal,
  query: ListCreditTransactionsQuery,
): Promise<Page<CreditTransactionJson>> {
  const rows = await repo.listTransactions(deps.database.db, principal.accountId, {
    limit: query.limit,
    afterId: decodeCursor(query.cursor),
  });
  return toPage(rows, query.limit, presentTransaction);
}
