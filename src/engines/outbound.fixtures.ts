import type { Clock } from './outbound.ts';

/** Virtual time for the outbound tests: sleeping advances it at once, and every wait is recorded. */
export function virtualClock() {
  // Starts at wall time because HTTP-date Retry-After values are compared against it.
  let now = Date.now();
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      now += ms;
    },
  };
  return { clock, sleeps };
}
