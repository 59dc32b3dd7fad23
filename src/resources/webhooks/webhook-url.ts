import type { LookupAddress, LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { isPublicAddress } from '../../network/public-address.ts';

/** The URL's host without the brackets of an IPv6 literal. */
function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

function isLocalhostName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

const LOOKUP_TIMEOUT_MS = 3000;

async function resolveAll(host: string): Promise<LookupAddress[] | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), LOOKUP_TIMEOUT_MS);
  });
  try {
    return await Promise.race([lookup(host, { all: true, verbatim: true }), timeout]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Why the URL may not receive webhooks, or null when it may. A name that does not resolve (yet) is
 * accepted: delivery resolves it again and refuses private answers then (see `guardedLookup`).
 */
export async function webhookUrlProblem(rawUrl: string, allowPrivate: boolean): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return 'Must be an absolute http or https URL.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'Must be an http or https URL.';
  if (allowPrivate) return null;
  const host = hostOf(url);
  const refused = `Must not point to a private, loopback, link-local or unspecified address (${host}).`;
  if (isIP(host) !== 0) return isPublicAddress(host) ? null : refused;
  if (isLocalhostName(host)) return refused;
  const addresses = await resolveAll(host);
  if (addresses?.some((entry) => !isPublicAddress(entry.address))) {
    return `Must not resolve to a private, loopback, link-local or unspecified address (${host}).`;
  }
  return null;
}

export class PrivateAddressError extends Error {
  readonly code = 'EPRIVATEADDRESS';
}

/**
 * A connect-time `lookup` for node:http(s) that refuses private answers. Checking the addresses the
 * socket actually connects to, rather than a lookup made earlier, closes the DNS-rebinding gap.
 */
export const guardedLookup: LookupFunction = (hostname, options: LookupOptions, callback) => {
  const refuse = () => callback(new PrivateAddressError(`${hostname} resolves to a private address`), '');
  if (isLocalhostName(hostname)) return refuse();
  lookup(hostname, { ...options, all: true }).then(
    (addresses) => {
      const first = addresses[0];
      if (!first)
        return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      if (addresses.some((entry) => !isPublicAddress(entry.address))) return refuse();
      if (options.all) return callback(null, addresses);
      callback(null, first.address, first.family);
    },
    (error: NodeJS.ErrnoException) => callback(error, ''),
  );
};

/** Whether a delivery may go to this URL's literal address (names are checked by `guardedLookup`). */
export function literalHostAllowed(url: URL): boolean {
  const host = hostOf(url);
  if (isIP(host) !== 0) return isPublicAddress(host);
  return !isLocalhostName(host);
}
