import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { addMs, type Clock } from '../clock.ts';
import type { Executor } from '../db/client.ts';
import { ApiError } from './errors.ts';
import { completeKey, findKey, releaseKey, reserveKey, takeOverKey } from './idempotency.repo.ts';
import type { Principal } from './principal.ts';

export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
// A request that died mid-way leaves its key in flight; after this the key can be used again.
const IN_FLIGHT_LOCK_MS = 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const REPLAYED_HEADERS = ['content-type', 'location'];

export interface IdempotencyClaim {
  accountId: string;
  key: string;
}

type Outcome = { kind: 'proceed'; claim: IdempotencyClaim | null } | { kind: 'replayed' };

/**
 * Spec §5: POST needs a key, PATCH and DELETE honour one. Either reserves the key for this request,
 * or answers from the stored first response (and the handler does not run).
 */
export async function beginIdempotentRequest(
  db: Executor,
  clock: Clock,
  principal: Principal,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Outcome> {
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined) {
    if (request.method === 'POST') throw new ApiError('idempotency_key_required');
    return { kind: 'proceed', claim: null };
  }
  if (!KEY_PATTERN.test(key)) {
    throw new ApiError('validation_error', 'The Idempotency-Key header is invalid.', {
      errors: [
        {
          loc: ['header', 'Idempotency-Key'],
          msg: '1–255 printable ASCII characters, no spaces',
          type: 'pattern',
        },
      ],
    });
  }
  const now = clock.now();
  const fingerprint = {
    accountId: principal.accountId,
    key,
    method: request.method,
    path: request.url,
    bodyHash: createHash('sha256')
      .update(JSON.stringify(request.body ?? null))
      .digest('hex'),
  };
  const claim = { accountId: principal.accountId, key };
  for (let attempt = 0; attempt < 2; attempt++) {
    const reserved = await reserveKey(db, {
      ...fingerprint,
      state: 'in_flight',
      lockedUntil: addMs(now, IN_FLIGHT_LOCK_MS),
      createdAt: now,
    });
    if (reserved) return { kind: 'proceed', claim };
    const existing = await findKey(db, principal.accountId, key);
    if (!existing) continue;
    if (existing.createdAt.getTime() < now.getTime() - IDEMPOTENCY_RETENTION_MS) {
      await releaseKey(db, principal.accountId, key);
      continue;
    }
    if (
      existing.method !== fingerprint.method ||
      existing.path !== fingerprint.path ||
      existing.bodyHash !== fingerprint.bodyHash
    ) {
      throw new ApiError('idempotency_key_reused');
    }
    if (existing.state === 'in_flight') {
      if (await takeOverKey(db, principal.accountId, key, now, addMs(now, IN_FLIGHT_LOCK_MS))) {
        return { kind: 'proceed', claim };
      }
      throw new ApiError('conflict', 'A request with this Idempotency-Key is still in progress.');
    }
    const headers = JSON.parse(existing.responseHeaders ?? '{}') as Record<string, string>;
    await reply
      .code(existing.responseStatus ?? 200)
      .headers({ ...headers, 'idempotent-replayed': 'true' })
      .send(existing.responseBody ?? '');
    return { kind: 'replayed' };
  }
  throw new ApiError('conflict', 'A request with this Idempotency-Key is still in progress.');
}

/** Stores the first response; a server error releases the key so the client can retry. */
export async function finishIdempotentRequest(
  db: Executor,
  claim: IdempotencyClaim,
  reply: FastifyReply,
  payload: unknown,
): Promise<void> {
  if (reply.statusCode >= 500) {
    await releaseKey(db, claim.accountId, claim.key);
    return;
  }
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name);
    if (typeof value === 'string') headers[name] = value;
  }
  await completeKey(db, claim.accountId, claim.key, {
    status: reply.statusCode,
    body: typeof payload === 'string' ? payload : '',
    headers: JSON.stringify(headers),
  });
}
