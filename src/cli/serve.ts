import pino from 'pino';
import { countAccounts } from '../accounts/accounts.repo.ts';
import { createAccount, createKey } from '../accounts/accounts.service.ts';
import { buildApp } from '../app.ts';
import type { Config } from '../config.ts';
import { createDeps, type Deps } from '../deps.ts';
import { createScheduler, type Scheduler } from '../work/scheduler.ts';
import { type RunningWorker, startWorker } from '../work/worker.ts';
import type { Output } from './operator-commands.ts';
import { openRuntime, operatorDeps, type Runtime } from './runtime.ts';

export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers["idempotency-key"]',
  '*.secret',
  '*.apiKey',
];
// SIGTERM must end the process within 30 s: in-flight work gets this long, then it is released.
const SHUTDOWN_GRACE_MS = 20_000;

/** A newcomer's first `npm start` gets an account and a test key without running anything else. */
async function welcomeFirstStart(
  runtime: Runtime,
  config: Config,
  address: string,
  output: Output,
): Promise<void> {
  if (!('dataDir' in config.database) || (await countAccounts(runtime.database.db)) > 0) return;
  const deps = operatorDeps(runtime);
  const account = await createAccount(deps, { name: 'Default account' });
  const key = await createKey(deps, {
    accountId: account.id,
    mode: 'test',
    scopes: ['*'],
    allowedBrandId: null,
    expiresInDays: null,
  });
  output.print(
    [
      'First start: created an account and a test-mode API key (sandbox engine, no credits needed).',
      `  account: ${account.id}`,
      `  key:     ${key.key}`,
      'The key is shown only this once; store it now. Try:',
      `  curl -s ${address}/v1/me -H "Authorization: Bearer ${key.key}"`,
    ].join('\n'),
  );
}

/**
 * Stops what has started, last started first, on SIGTERM or SIGINT: installed before start-up, so a
 * signal that arrives while the process is still starting also ends it cleanly.
 */
function stopOnSignal(): { add(step: () => Promise<void>): void } {
  const steps: Array<() => Promise<void>> = [];
  let stopping = false;
  const handler = () => {
    if (stopping) return;
    stopping = true;
    (async () => {
      for (const step of steps.reverse()) await step();
    })().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('sightline: shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
  return { add: (step) => steps.push(step) };
}

function startScheduler(deps: Deps, config: Config, logger: pino.Logger): Scheduler {
  const scheduler = createScheduler(deps, { tickMs: config.schedulerTickSeconds * 1000, logger });
  void scheduler.start();
  return scheduler;
}

/** `serve`: the API, plus workers and the scheduler unless SERVE_WORKERS=false or --no-workers. */
export async function serve(config: Config, output: Output, options: { workers: boolean }): Promise<void> {
  const shutdown = stopOnSignal();
  const runtime = await openRuntime(config, 'serve', { migrate: false });
  shutdown.add(() => runtime.close());
  const logger = pino({ level: config.logLevel, redact: LOG_REDACT });
  const deps = createDeps(config, runtime.database);
  const app = await buildApp(deps, logger);
  if (options.workers && config.serveWorkers) {
    const worker = await startWorker(deps, { ...config.worker, logger });
    shutdown.add(() => worker.stop(SHUTDOWN_GRACE_MS));
    const scheduler = startScheduler(deps, config, logger);
    shutdown.add(() => scheduler.stop());
  }
  // Stopped first: no new requests while the workers finish.
  shutdown.add(() => app.close());
  const address = await app.listen({ port: config.port, host: config.host });
  await welcomeFirstStart(runtime, config, address, output);
  output.print(output.json ? JSON.stringify({ listening: address }) : `Sightline listening on ${address}`);
}

/** `worker`: only workers; any number of them, on any machine, against one DATABASE_URL. */
export async function work(config: Config): Promise<RunningWorker> {
  const shutdown = stopOnSignal();
  const runtime = await openRuntime(config, 'worker', { migrate: false });
  shutdown.add(() => runtime.close());
  const logger = pino({ level: config.logLevel, redact: LOG_REDACT });
  const worker = await startWorker(createDeps(config, runtime.database), { ...config.worker, logger });
  shutdown.add(() => worker.stop(SHUTDOWN_GRACE_MS));
  return worker;
}

/** `scheduler`: only the scheduler tick; several may run, each due slot still fires once. */
export async function schedule(config: Config): Promise<Scheduler> {
  const shutdown = stopOnSignal();
  const runtime = await openRuntime(config, 'scheduler', { migrate: false });
  shutdown.add(() => runtime.close());
  const logger = pino({ level: config.logLevel, redact: LOG_REDACT });
  const scheduler = startScheduler(createDeps(config, runtime.database), config, logger);
  shutdown.add(() => scheduler.stop());
  return scheduler;
}
