import type { Principal } from '../../http/principal.ts';
import { hasScope } from '../../http/scopes.ts';
import type { MeJson } from './me.schemas.ts';

/** Who the key is; what it may do (prefix and scopes) only when it may read account metadata. */
export function describeKey(principal: Principal): MeJson {
  return {
    object: 'me',
    account_id: principal.accountId,
    auth_type: 'api_key',
    mode: principal.mode,
    ...(hasScope(principal.scopes, 'read:meta')
      ? { key_prefix: principal.prefix, scopes: principal.scopes }
      : {}),
    allowed_brand_id: principal.allowedBrandId,
  };
}
