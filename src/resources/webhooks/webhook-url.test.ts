import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { guardedLookup, literalHostAllowed, webhookUrlProblem } from './webhook-url.ts';

describe('webhookUrlProblem', () => {
  it('accepts public literals and refuses private ones unless private URLs are allowed', async () => {
    assert.equal(await webhookUrlProblem('https://93.184.215.14/hook', false), null);
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://[::1]/hook',
      'http://0.0.0.0/',
      'http://169.254.169.254/latest/meta-data',
      'http://2130706433/',
      'http://[::ffff:192.168.0.1]/',
      'http://localhost:3000/hook',
      'http://api.localhost/hook',
    ]) {
      assert.match(String(await webhookUrlProblem(url, false)), /private/, url);
      assert.equal(await webhookUrlProblem(url, true), null, url);
    }
  });

  it('refuses other schemes and malformed URLs whatever the configuration', async () => {
    assert.match(String(await webhookUrlProblem('ftp://example.com/', true)), /http/);
    assert.match(String(await webhookUrlProblem('not a url', true)), /absolute/);
  });

  it('accepts a name that does not resolve (delivery checks it again)', async () => {
    assert.equal(await webhookUrlProblem('https://hooks.sightline.invalid/x', false), null);
  });
});

describe('delivery-time guards', () => {
  it('checks literal hosts directly and names through the lookup', async () => {
    assert.equal(literalHostAllowed(new URL('http://10.0.0.1/')), false);
    assert.equal(literalHostAllowed(new URL('http://localhost/')), false);
    assert.equal(literalHostAllowed(new URL('https://8.8.8.8/')), true);
    assert.equal(literalHostAllowed(new URL('https://hooks.example.com/')), true);
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      guardedLookup('localhost', { all: true }, (err) => resolve(err)),
    );
    assert.equal(error?.code, 'EPRIVATEADDRESS');
  });
});
