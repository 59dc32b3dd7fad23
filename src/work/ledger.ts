import { and, eq } from 'drizzle-orm';
import { applyCreditChange, findAccount } from '../accounts/accounts.repo.ts';
import type { IdSource } from '../clock.ts';
import type { Executor } from '../db/client.ts';
import { creditTransactions } from '../db/schema/index.ts';
import { ApiError } from '../http/errors.ts';
import type { JobRow } from './jobs.repo.ts';

/** Spec §6: dispatch refuses with 402 when the balance cannot cover the cost (test mode is free). */
export async function assertCanAfford(
  db: Executor,
  account: { accountId: string; mode: string },
  cost: number,
): Promise<void> {
  if (account.mode === 'test' || cost === 0) return;
  const balance = (await findAccount(db, account.accountId))?.balance ?? 0;
  if (balance < cost) {
    throw new ApiError('insufficient_credits', `This costs ${cost} credits; the balance is ${balance}.`, {
      required: cost,
      balance,
    });
  }
}

/**
 * Debits the job's cost inside the claim transaction, at most once per job: a retried or taken-over
 * job finds its debit already there, and a unique index stops two claims racing past that check.
 */
export async function debitJobOnce(
  tx: Executor,
  job: JobRow,
  newId: IdSource,
  now: Date,
): Promise<'paid' | 'insufficient'> {
  if (job.mode === 'test' || job.cost === 0) return 'paid';
  const [existing] = await tx
    .select({ id: creditTransactions.id })
    .from(creditTransactions)
    .where(and(eq(creditTransactions.jobId, job.id), eq(creditTransactions.kind, 'debit')));
  if (existing) return 'paid';
  const debit = await applyCreditChange(tx, {
    id: newId(),
    accountId: job.accountId,
    kind: 'debit',
    amount: -job.cost,
    reason: job.type,
    jobId: job.id,
    at: now,
  });
  return debit ? 'paid' : 'insufficient';
}
