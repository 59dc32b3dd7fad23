import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { call, createTenant, expectError, testDeps } from '../../../test/harness.ts';
import { grantCredits } from '../../accounts/accounts.service.ts';
import { accounts } from '../../db/schema/index.ts';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f-]{36}$/;

type Page = {
  object: string;
  data: Array<Record<string, unknown>>;
  has_more: boolean;
  next_cursor: string | null;
};

async function grant(accountId: string, amount: number, reason: string) {
  const deps = await testDeps();
  return grantCredits(
    { db: deps.database.db, clock: deps.clock, newId: deps.newId },
    { accountId, amount, reason },
  );
}

async function storedAccount(accountId: string) {
  const [row] = await (await testDeps()).database.db
    .select()
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return row;
}

describe('credits', () => {
  it('reads the balance, after a grant too', async () => {
    const tenant = await createTenant({ credits: 5 });
    const before = await call(tenant.key, 'GET', '/v1/credits');
    assert.equal(before.status, 200);
    assert.match(String(before.body.updated_at), ISO);
    assert.deepEqual(before.body, {
      object: 'credit_balance',
      balance: 5,
      updated_at: before.body.updated_at,
    });

    await grant(tenant.accountId, 3, 'top-up');
    const after = await call(tenant.key, 'GET', '/v1/credits');
    const account = await storedAccount(tenant.accountId);
    assert.deepEqual(after.body, {
      object: 'credit_balance',
      balance: 8,
      updated_at: account?.balanceUpdatedAt.toISOString(),
    });
  });

  it('lists the ledger newest first with the balance after each change, paginated', async () => {
    const tenant = await createTenant({ credits: 5 });
    const granted = await grant(tenant.accountId, 3, 'top-up');
    const page = await call<Page>(tenant.key, 'GET', '/v1/credits/transactions');
    assert.equal(page.status, 200);
    const [newest, initial] = page.body.data;
    assert.match(String(initial?.id), UUID);
    assert.match(String(initial?.created_at), ISO);
    assert.deepEqual(page.body, {
      object: 'list',
      data: [
        {
          id: granted.id,
          object: 'credit_transaction',
          amount: 3,
          reason: 'top-up',
          job_id: null,
          balance_after: 8,
          created_at: newest?.created_at,
        },
        {
          id: initial?.id,
          object: 'credit_transaction',
          amount: 5,
          reason: 'initial grant',
          job_id: null,
          balance_after: 5,
          created_at: initial?.created_at,
        },
      ],
      has_more: false,
      next_cursor: null,
    });

    const first = await call<Page>(tenant.key, 'GET', '/v1/credits/transactions?limit=1');
    assert.deepEqual([first.body.data.map((item) => item.id), first.body.has_more], [[granted.id], true]);
    const second = await call<Page>(
      tenant.key,
      'GET',
      `/v1/credits/transactions?limit=1&cursor=${first.body.next_cursor}`,
    );
    assert.deepEqual(
      [second.body.data.map((item) => item.id), second.body.has_more, second.body.next_cursor],
      [[initial?.id], false, null],
    );
  });

  it('shows an empty ledger and a zero balance for a new account', async () => {
    const tenant = await createTenant();
    assert.equal((await call(tenant.key, 'GET', '/v1/credits')).body.balance, 0);
    assert.deepEqual((await call(tenant.key, 'GET', '/v1/credits/transactions')).body, {
      object: 'list',
      data: [],
      has_more: false,
      next_cursor: null,
    });
  });

  it('rejects invalid parameters', async () => {
    const { key } = await createTenant();
    expectError(await call(key, 'GET', '/v1/credits/transactions?limit=0'), 400, 'validation_error');
    expectError(await call(key, 'GET', '/v1/credits/transactions?limit=101'), 400, 'validation_error');
    expectError(await call(key, 'GET', '/v1/credits/transactions?cursor=bogus'), 400, 'validation_error');
  });

  it('enforces keys and scopes; every key of the account reads the same balance, no other account', async () => {
    const tenant = await createTenant({ credits: 7 });
    for (const url of ['/v1/credits', '/v1/credits/transactions']) {
      expectError(await call(null, 'GET', url), 401, 'unauthorized');
      const brandsOnly = await tenant.keyWith({ scopes: ['read:brands'] });
      assert.deepEqual(expectError(await call(brandsOnly, 'GET', url), 403, 'insufficient_scope'), {
        required_scope: 'read:meta',
        key_scopes: ['read:brands'],
      });
      assert.equal((await call(await tenant.keyWith({ scopes: ['read:all'] }), 'GET', url)).status, 200);
    }

    const live = await tenant.keyWith({ mode: 'live', scopes: ['read:meta'] });
    assert.equal((await call(live, 'GET', '/v1/credits')).body.balance, 7);
    const liveLedger = await call<Page>(live, 'GET', '/v1/credits/transactions');
    assert.deepEqual(
      liveLedger.body.data.map((item) => item.balance_after),
      [7],
    );

    const stranger = await createTenant({ credits: 2 });
    assert.equal((await call(stranger.key, 'GET', '/v1/credits')).body.balance, 2);
    const strangerLedger = await call<Page>(stranger.key, 'GET', '/v1/credits/transactions');
    assert.deepEqual(
      strangerLedger.body.data.map((item) => item.amount),
      [2],
    );
  });
});
