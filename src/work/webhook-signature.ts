import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_SIGNATURE_HEADER = 'X-Sightline-Signature';
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

const SECRET_PREFIX = 'whsec_';
const HEX_SHA256 = /^[0-9a-f]{64}$/;

function digest(secret: string, timestampSeconds: number, body: string): string {
  // The whole secret string, prefix included, is the HMAC key: receivers paste it as shown.
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (spec §7, Webhooks). */
export function signWebhook(secret: string, body: string, timestampSeconds: number): string {
  if (!Number.isInteger(timestampSeconds) || timestampSeconds < 0) {
    throw new RangeError(`timestampSeconds must be a non-negative integer, got ${timestampSeconds}`);
  }
  return `t=${timestampSeconds},v1=${digest(secret, timestampSeconds, body)}`;
}

export interface VerifyOptions {
  /** How far the signed timestamp may be from `nowSeconds`, either way; default 300. */
  toleranceSeconds?: number;
  nowSeconds: number;
}

interface ParsedHeader {
  timestamp: number;
  signatures: string[];
}

function parseSignatureHeader(header: string): ParsedHeader | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (!/^\d+$/.test(value)) return null;
      timestamp = Number(value);
    } else if (key === 'v1') {
      signatures.push(value);
    }
  }
  if (timestamp === null || signatures.length === 0) return null;
  return { timestamp, signatures };
}

/**
 * True when one `v1` value in the header is the body's signature and its timestamp is within
 * tolerance. Several `v1` values are accepted so a sender can sign with an old and a new secret
 * while a rotation settles. Unknown keys (a future `v2`) are ignored.
 */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string | null | undefined,
  { toleranceSeconds = DEFAULT_SIGNATURE_TOLERANCE_SECONDS, nowSeconds }: VerifyOptions,
): boolean {
  if (!header) return false;
  const parsed = parseSignatureHeader(header);
  if (parsed === null) return false;
  if (Math.abs(nowSeconds - parsed.timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(digest(secret, parsed.timestamp, body), 'hex');
  let match = false;
  for (const signature of parsed.signatures) {
    if (!HEX_SHA256.test(signature)) continue;
    // Compare every candidate so the time taken does not reveal which one matched.
    if (timingSafeEqual(expected, Buffer.from(signature, 'hex'))) match = true;
  }
  return match;
}

export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
}
