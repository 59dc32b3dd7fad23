import type { FastifyRequest } from 'fastify';
import { findKeyByHash } from '../accounts/keys.repo.ts';
import type { Clock } from '../clock.ts';
import type { Executor } from '../db/client.ts';
import { hashApiKey, parseApiKey } from './api-keys.ts';
import { ApiError } from './errors.ts';
import type { Principal } from './principal.ts';
import { hasScope } from './scopes.ts';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Resolves the bearer key to a principal, or throws 401 `unauthorized`. */
export async function authenticate(db: Executor, clock: Clock, request: FastifyRequest): Promise<Principal> {
  const match = BEARER.exec(request.headers.authorization ?? '');
  const key = match?.[1];
  if (!key) throw new ApiError('unauthorized', 'Send your API key as `Authorization: Bearer <key>`.');
  const mode = parseApiKey(key);
  if (!mode) throw new ApiError('unauthorized', 'The API key is malformed.');
  const row = await findKeyByHash(db, hashApiKey(key));
  if (!row) throw new ApiError('unauthorized', 'The API key is not recognised.');
  if (row.revokedAt) throw new ApiError('unauthorized', 'The API key has been revoked.');
  if (row.expiresAt && row.expiresAt <= clock.now())
    throw new ApiError('unauthorized', 'The API key has expired.');
  return {
    keyId: row.id,
    accountId: row.accountId,
    mode: row.mode,
    prefix: row.prefix,
    scopes: row.scopes,
    allowedBrandId: row.allowedBrandId,
  };
}

export function authorize(principal: Principal, required: Parameters<typeof hasScope>[1] | null): void {
  if (required && !hasScope(principal.scopes, required)) {
    throw new ApiError('insufficient_scope', `This endpoint requires the \`${required}\` scope.`, {
      required_scope: required,
      key_scopes: principal.scopes,
    });
  }
}
