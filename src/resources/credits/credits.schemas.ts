import { z } from 'zod';
import { pageSchema, paginationQuery } from '../../http/pagination.ts';
import { timestamp, uuid } from '../../http/schemas.ts';

export const creditBalanceSchema = z
  .object({
    object: z.literal('credit_balance'),
    balance: z.number().int(),
    updated_at: timestamp,
  })
  .meta({ id: 'CreditBalance' });
export type CreditBalanceJson = z.infer<typeof creditBalanceSchema>;

export const creditTransactionSchema = z
  .object({
    id: uuid,
    object: z.literal('credit_transaction'),
    amount: z.number().int().describe('Positive for grants and refunds, negative for debits.'),
    reason: z.string(),
    job_id: uuid.nullable(),
    balance_after: z.number().int(),
    created_at: timestamp,
  })
  .meta({ id: 'CreditTransaction' });
export type CreditTransactionJson = z.infer<typeof creditTransactionSchema>;

export const listCreditTransactionsQuery = z.object(paginationQuery);
export type ListCreditTransactionsQuery = z.infer<typeof listCreditTransactionsQuery>;
export const creditTransactionPage = pageSchema(creditTransactionSchema);
