import { createHash, randomBytes } from 'node:crypto';

export type KeyMode = 'live' | 'test';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
const KEY_PATTERN = new RegExp(`^sl_(live|test)_([0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}})$`);

function toBase62(bytes: Buffer, length: number): string {
  let value = BigInt(`0x${bytes.toString('hex')}`);
  let out = '';
  for (let i = 0; i < length; i++) {
    out += BASE62[Number(value % 62n)];
    value /= 62n;
  }
  return out;
}

function checksum(mode: KeyMode, random: string): string {
  return toBase62(
    createHash('sha256').update(`sl_${mode}_${random}`).digest().subarray(0, 8),
    CHECKSUM_LENGTH,
  );
}

export interface GeneratedKey {
  key: string;
  prefix: string;
  hash: string;
}

/** `sl_<mode>_<32 random base62><6 checksum>`: the checksum lets malformed keys fail without a database read. */
export function generateApiKey(mode: KeyMode): GeneratedKey {
  const random = toBase62(randomBytes(32), RANDOM_LENGTH);
  const key = `sl_${mode}_${random}${checksum(mode, random)}`;
  return { key, prefix: keyPrefix(key), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function keyPrefix(key: string): string {
  return key.slice(0, key.indexOf('_', 3) + 9);
}

/** The key's mode when it is well formed and its checksum holds; null otherwise. */
export function parseApiKey(key: string): KeyMode | null {
  const match = KEY_PATTERN.exec(key);
  if (!match) return null;
  const mode = match[1] as KeyMode;
  const body = match[2] ?? '';
  const random = body.slice(0, RANDOM_LENGTH);
  return checksum(mode, random) === body.slice(RANDOM_LENGTH) ? mode : null;
}
