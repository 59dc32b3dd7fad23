import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { brands } from './brands.ts';
import { at } from './columns.ts';
import { jobs } from './jobs.ts';

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    // Only live work costs credits; the balance is changed only together with a ledger row.
    balance: integer('balance').notNull().default(0),
    balanceUpdatedAt: at('balance_updated_at').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [check('accounts_balance_non_negative', sql`${t.balance} >= 0`)],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    mode: text('mode', { enum: ['live', 'test'] }).notNull(),
    prefix: text('prefix').notNull(),
    hash: text('hash').notNull(),
    scopes: text('scopes').array().notNull(),
    allowedBrandId: uuid('allowed_brand_id').references(() => brands.id, { onDelete: 'cascade' }),
    expiresAt: at('expires_at'),
    revokedAt: at('revoked_at'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('api_keys_hash_key').on(t.hash),
    index('api_keys_account_id_idx').on(t.accountId),
    index('api_keys_allowed_brand_id_idx').on(t.allowedBrandId),
  ],
);

export const creditTransactions = pgTable(
  'credit_transactions',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['grant', 'debit', 'refund'] }).notNull(),
    amount: integer('amount').notNull(),
    reason: text('reason').notNull(),
    jobId: uuid('job_id').references(() => jobs.id, { onDelete: 'set null' }),
    balanceAfter: integer('balance_after').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    index('credit_transactions_account_id_idx').on(t.accountId, t.id),
    // A job is debited at most once, however often it is claimed.
    uniqueIndex('credit_transactions_one_debit_per_job').on(t.jobId).where(sql`${t.kind} = 'debit'`),
    check('credit_transactions_balance_after_non_negative', sql`${t.balanceAfter} >= 0`),
  ],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    bodyHash: text('body_hash').notNull(),
    state: text('state', { enum: ['in_flight', 'done'] }).notNull(),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    responseHeaders: text('response_headers'),
    lockedUntil: at('locked_until').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.key] }),
    index('idempotency_keys_created_at_idx').on(t.createdAt),
  ],
);
