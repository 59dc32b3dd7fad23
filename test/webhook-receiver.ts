// A loopback webhook receiver for tests: records every request and answers with a scripted status.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after } from 'node:test';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
}

export interface Receiver {
  url: string;
  received: ReceivedWebhook[];
  /** Resolves once `count` requests have arrived (bounded: a missing delivery fails the test). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
}

/**
 * `respond(n)` gives the status of the n-th request (1-based); `'hang'` never answers, so the sender's
 * timeout is what ends the exchange. Closed after the test file.
 */
export async function startReceiver(respond: (n: number) => number | 'hang' = () => 200): Promise<Receiver> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: request.headers, body, json: JSON.parse(body) });
      const status = respond(received.length);
      if (status === 'hang') return;
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/sightline`,
    received,
    async waitFor(count, timeoutMs = 30_000) {
      await eventually(() => received.length >= count, timeoutMs, `${count} webhook requests`);
      return received.slice(0, count);
    },
  };
}

/** Polls `check` until it holds; throws after `timeoutMs`, naming what was awaited. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
  what = 'the condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
