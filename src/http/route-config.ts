import type { ErrorCode } from './errors.ts';
import type { IdempotencyClaim } from './idempotency.ts';
import type { Principal } from './principal.ts';
import type { ResourceScope } from './scopes.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No key needed (health, docs). */
    public?: boolean;
    /** The scope the key needs; null: any valid key. */
    scope?: ResourceScope | null;
    /** `llm`: also counted against the LLM-dispatch rate limit (spec §4). */
    tier?: 'llm';
    /** For routes that dispatch LLM work only for some bodies: true when this body does. */
    dispatchesLlm?: (body: unknown) => boolean;
    /** The operation's own error codes, beyond the ones every authenticated operation can give. */
    errors?: ErrorCode[];
  }
  interface FastifyRequest {
    principal: Principal | null;
    idempotency: IdempotencyClaim | null;
  }
}

/** The principal of an authenticated route (the auth hook guarantees it). */
export function principalOf(request: { principal: Principal | null }): Principal {
  if (!request.principal) throw new Error('route reached without authentication');
  return request.principal;
}
