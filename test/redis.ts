import { connect } from 'node:net';

/** The Redis the tests use: `REDIS_TEST_URL`, or the local one. */
export const REDIS_TEST_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

function redisReachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    const finish = (reachable: boolean) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.setTimeout(2000, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/**
 * Whether the Redis tests run: always when `REDIS_TEST_URL` is set (CI sets it, so a Redis that is
 * down fails them rather than skipping them quietly), otherwise when a local Redis answers.
 */
export async function redisTestsRun(): Promise<boolean> {
  return process.env.REDIS_TEST_URL !== undefined || (await redisReachable(REDIS_TEST_URL));
}
