import type { Clock, IdSource } from '../clock.ts';
import type { Db } from '../db/client.ts';
import { generateApiKey, type KeyMode } from '../http/api-keys.ts';
import { isScope } from '../http/scopes.ts';
import { applyCreditChange, findAccount, insertAccount } from './accounts.repo.ts';
import { insertKey, listKeys, revokeKey } from './keys.repo.ts';

/** Operator actions (the command line and test set-up): accounts, keys and credit grants. */
export interface OperatorDeps {
  db: Db;
  clock: Clock;
  newId: IdSource;
}

export class OperatorError extends Error {}

export async function createAccount(deps: OperatorDeps, input: { name: string; credits?: number }) {
  const now = deps.clock.now();
  const id = deps.newId();
  return deps.db.transaction(async (tx) => {
    await insertAccount(tx, { id, name: input.name, balance: 0, balanceUpdatedAt: now, createdAt: now });
    if (input.credits) {
      await applyCreditChange(tx, {
        id: deps.newId(),
        accountId: id,
        kind: 'grant',
        amount: input.credits,
        reason: 'initial grant',
        jobId: null,
        at: now,
      });
    }
    const account = await findAccount(tx, id);
    if (!account) throw new Error('account vanished');
    return { id: account.id, name: account.name, balance: account.balance };
  });
}

export interface CreateKeyInput {
  accountId: string;
  mode: KeyMode;
  scopes: string[];
  allowedBrandId: string | null;
  expiresInDays: number | null;
}

export async function createKey(deps: OperatorDeps, input: CreateKeyInput) {
  const unknown = input.scopes.filter((scope) => !isScope(scope));
  if (unknown.length > 0) throw new OperatorError(`Unknown scope(s): ${unknown.join(', ')}`);
  if (!(await findAccount(deps.db, input.accountId)))
    throw new OperatorError(`No account ${input.accountId}`);
  const now = deps.clock.now();
  const generated = generateApiKey(input.mode);
  const row = await insertKey(deps.db, {
    id: deps.newId(),
    accountId: input.accountId,
    mode: input.mode,
    prefix: generated.prefix,
    hash: generated.hash,
    scopes: input.scopes,
    allowedBrandId: input.allowedBrandId,
    expiresAt:
      input.expiresInDays === null ? null : new Date(now.getTime() + input.expiresInDays * 86_400_000),
    createdAt: now,
  });
  return { id: row.id, key: generated.key, prefix: row.prefix, mode: row.mode, scopes: row.scopes };
}

export async function listAccountKeys(deps: OperatorDeps, accountId: string) {
  const rows = await listKeys(deps.db, accountId);
  return rows.map((row) => ({
    id: row.id,
    prefix: row.prefix,
    mode: row.mode,
    scopes: row.scopes,
    allowed_brand_id: row.allowedBrandId,
    expires_at: row.expiresAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  }));
}

export async function revokeAccountKey(deps: OperatorDeps, keyId: string) {
  const row = await revokeKey(deps.db, keyId, deps.clock.now());
  if (!row) throw new OperatorError(`No active key ${keyId}`);
  return { id: row.id, revoked_at: row.revokedAt?.toISOString() ?? null };
}

export async function grantCredits(
  deps: OperatorDeps,
  input: { accountId: string; amount: number; reason: string },
) {
  if (!Number.isInteger(input.amount) || input.amount <= 0)
    throw new OperatorError('--amount must be a positive integer');
  const row = await deps.db.transaction((tx) =>
    applyCreditChange(tx, {
      id: deps.newId(),
      accountId: input.accountId,
      kind: 'grant',
      amount: input.amount,
      reason: input.reason,
      jobId: null,
      at: deps.clock.now(),
    }),
  );
  if (!row) throw new OperatorError(`No account ${input.accountId}`);
  return {
    id: row.id,
    account_id: row.accountId,
    amount: row.amount,
    balance: row.balanceAfter,
    reason: row.reason,
  };
}
