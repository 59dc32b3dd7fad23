import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { generateWebhookSecret, signWebhook, verifyWebhookSignature } from './webhook-signature.ts';

const secret = 'whsec_test_secret';
const body = '{"id":"evt_1","type":"report.completed","api_version":"v1","data":{}}';
const t = 1_710_072_000;

describe('signWebhook', () => {
  it('matches an independent HMAC of "<t>.<body>"', () => {
    const hex = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    assert.equal(signWebhook(secret, body, t), `t=${t},v1=${hex}`);
  });

  it('matches a fixed vector', () => {
    assert.equal(
      signWebhook('whsec_abc', 'hello', 1),
      `t=1,v1=${createHmac('sha256', 'whsec_abc').update('1.hello').digest('hex')}`,
    );
    assert.match(signWebhook('whsec_abc', 'hello', 1), /^t=1,v1=[0-9a-f]{64}$/);
  });

  it('rejects a fractional timestamp', () => {
    assert.throws(() => signWebhook(secret, body, 1.5), RangeError);
  });
});

describe('verifyWebhookSignature', () => {
  const header = signWebhook(secret, body, t);
  const other = signWebhook('whsec_other', body, t);
  const v1 = (h: string) => h.split('v1=')[1];
  const cases: Array<{
    name: string;
    header: string | null;
    body?: string;
    secret?: string;
    now?: number;
    want: boolean;
  }> = [
    { name: 'valid', header, want: true },
    { name: 'valid at the edge of tolerance', header, now: t + 300, want: true },
    { name: 'valid with sender clock ahead', header, now: t - 300, want: true },
    { name: 'too old', header, now: t + 301, want: false },
    { name: 'too far in the future', header, now: t - 301, want: false },
    { name: 'tampered body', header, body: `${body} `, want: false },
    { name: 'wrong secret', header, secret: 'whsec_other', want: false },
    { name: 'missing header', header: null, want: false },
    { name: 'empty header', header: '', want: false },
    { name: 'no timestamp', header: `v1=${v1(header)}`, want: false },
    { name: 'no signature', header: `t=${t}`, want: false },
    { name: 'non-numeric timestamp', header: `t=abc,v1=${v1(header)}`, want: false },
    { name: 'timestamp swapped', header: `t=${t + 1},v1=${v1(header)}`, now: t + 1, want: false },
    { name: 'short signature', header: `t=${t},v1=abcd`, want: false },
    { name: 'uppercase hex is not ours', header: `t=${t},v1=${v1(header).toUpperCase()}`, want: false },
    { name: 'one of two signatures matches (rotation)', header: `${other},v1=${v1(header)}`, want: true },
    { name: 'unknown schemes are ignored', header: `${header},v2=zzz`, want: true },
    { name: 'spaces around parts', header: `t=${t}, v1=${v1(header)}`, want: true },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(
        verifyWebhookSignature(c.secret ?? secret, c.body ?? body, c.header, { nowSeconds: c.now ?? t }),
        c.want,
      );
    });
  }

  it('honours a custom tolerance', () => {
    assert.equal(
      verifyWebhookSignature(secret, body, header, { nowSeconds: t + 10, toleranceSeconds: 5 }),
      false,
    );
    assert.equal(
      verifyWebhookSignature(secret, body, header, { nowSeconds: t + 5, toleranceSeconds: 5 }),
      true,
    );
  });
});

describe('generateWebhookSecret', () => {
  it('is whsec_ and 32 random bytes in base64url', () => {
    const a = generateWebhookSecret();
    const b = generateWebhookSecret();
    assert.match(a, /^whsec_[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(a.slice('whsec_'.length), 'base64url').length, 32);
    assert.notEqual(a, b);
  });

  it('signs and verifies with a generated secret', () => {
    const s = generateWebhookSecret();
    assert.equal(verifyWebhookSignature(s, body, signWebhook(s, body, t), { nowSeconds: t }), true);
  });
});
