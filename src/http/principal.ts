import type { KeyMode } from './api-keys.ts';
import { ApiError } from './errors.ts';

/** Who is calling: the tenant (account + mode) and what the key may touch. */
export interface Principal {
  keyId: string;
  accountId: string;
  mode: KeyMode;
  prefix: string;
  scopes: string[];
  allowedBrandId: string | null;
}

/** A brand-restricted key may only touch its own brand (403 `brand_not_authorized`). */
export function assertBrandAllowed(principal: Principal, brandId: string): void {
  if (principal.allowedBrandId !== null && principal.allowedBrandId !== brandId) {
    throw new ApiError('brand_not_authorized', undefined, { allowed_brand_id: principal.allowedBrandId });
  }
}
