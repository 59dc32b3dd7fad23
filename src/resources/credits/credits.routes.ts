import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { principalOf } from '../../http/route-config.ts';
import {
  creditBalanceSchema,
  creditTransactionPage,
  listCreditTransactionsQuery,
} from './credits.schemas.ts';
import * as service from './credits.service.ts';

const tags = ['Credits'];

// The balance and the ledger are account metadata, hence `read:meta` (the spec names no credits scope).
export const creditRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/v1/credits', {
    schema: {
      operationId: 'getCreditBalance',
      summary: "The account's credit balance",
      tags,
      response: { 200: creditBalanceSchema },
    },
    config: { scope: 'read:meta' },
    handler: (request) => service.getBalance(deps, principalOf(request)),
  });
  app.get('/v1/credits/transactions', {
    schema: {
      operationId: 'listCreditTransactions',
      summary: 'List the credit ledger, newest first',
      tags,
      querystring: listCreditTransactionsQuery,
      response: { 200: creditTransactionPage },
    },
    config: { scope: 'read:meta' },
    handler: (request) => service.listTransactions(deps, principalOf(request), request.query),
  });
};
