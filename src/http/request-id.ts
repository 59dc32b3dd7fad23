import type { IncomingMessage } from 'node:http';
import { newId } from '../clock.ts';

export const CORRELATION_HEADER = 'x-correlation-id';
const CALLER_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The caller's own correlation id when it is reasonable, else a new UUID. */
export function correlationId(request: IncomingMessage): string {
  const sent = request.headers[CORRELATION_HEADER];
  return typeof sent === 'string' && CALLER_ID.test(sent) ? sent : newId();
}
