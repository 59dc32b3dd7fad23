// Shared set-up of the live pipeline tests: a database of the file's own, an app and workers built with
// the fake providers' environment, live tenants, and worker processes of the real command line.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { createAccount, createKey } from '../../src/accounts/accounts.service.ts';
import { buildApp } from '../../src/app.ts';
import { newId } from '../../src/clock.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/client.ts';
import { accounts } from '../../src/db/schema/index.ts';
import { createDeps, type Deps } from '../../src/deps.ts';
import type { EngineRegistry } from '../../src/engines/registry.ts';
import { PLATFORMS, type Platform } from '../../src/engines/types.ts';
import { type RunningWorker, startWorker, type WorkerOptions } from '../../src/work/worker.ts';
import {
  type FakeProvider,
  type FakeProviders,
  fakeProviderEnv,
  startFakeProviders,
} from '../fake-providers/server.ts';
import { type ApiResponse, injectJson, type Method, testDatabase, testDatabaseUrl } from '../harness.ts';

export type Json = Record<string, unknown>;

export const ALL_PLATFORMS: Platform[] = [...PLATFORMS];

export const NEEDS_POSTGRES = !process.env.TEST_DATABASE_URL && 'needs PostgreSQL (TEST_DATABASE_URL)';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../bin/sightline.mjs', import.meta.url));

export interface PipelineDatabase {
  database: Database;
  /** The PostgreSQL URL of this database (for worker processes); null on PGlite. */
  url: string | null;
  close(): Promise<void>;
}

/** The harness's database: one per test process, on PGlite and on PostgreSQL alike. */
export async function openPipelineDatabase(): Promise<PipelineDatabase> {
  return { database: await testDatabase(), url: await testDatabaseUrl(), close: async () => {} };
}

/** Limits that would only slow the tests down (a live run dispatches LLM work, a run asks many answers). */
const GENEROUS_LIMITS = {
  LOG_LEVEL: 'silent',
  RATE_LIMIT_BURST_PER_MINUTE: '100000',
  RATE_LIMIT_LLM_PER_MINUTE: '100000',
  PROVIDER_RPM: '100000',
};

export interface Stack {
  deps: Deps;
  app: FastifyInstance;
  call<T = Json>(key: string, method: Method, url: string, body?: unknown): Promise<ApiResponse<T>>;
  waitForJob(key: string, jobId: string, timeoutMs?: number): Promise<Json>;
  close(): Promise<void>;
}

/** The configuration `buildStack` and worker processes use: `env` over limits generous enough for tests. */
export function stackConfig(env: Record<string, string>): Config {
  return loadConfig({ ...GENEROUS_LIMITS, ...env });
}

/**
 * Deps and an app on `database`, configured from `env` (e.g. `fakeProviderEnv(urls)`), like `serve`
 * does; `engines` replaces the registry built from that configuration.
 */
export async function buildStack(
  database: Database,
  env: Record<string, string>,
  overrides: { engines?: EngineRegistry } = {},
): Promise<Stack> {
  const deps = createDeps(stackConfig(env), database, overrides);
  const app = await buildApp(deps);
  const call = <T = Json>(key: string, method: Method, url: string, body?: unknown) =>
    injectJson<T>(app, key, method, url, body);
  const terminal = new Set(['completed', 'failed', 'cancelled']);
  return {
    deps,
    app,
    call,
    async waitForJob(key, jobId, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const { body } = await call(key, 'GET', `/v1/jobs/${jobId}`);
        if (terminal.has(String(body.status))) return body;
        await sleep(100);
      }
      throw new Error(`job ${jobId} did not finish in ${timeoutMs} ms`);
    },
    close: () => app.close(),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An account on `database` funded with `credits`, and a `*` key of `mode`. */
export async function createStackTenant(
  database: Database,
  { mode, credits = 0 }: { mode: 'live' | 'test'; credits?: number },
): Promise<{ accountId: string; key: string }> {
  const operator = { db: database.db, clock: { now: () => new Date() }, newId };
  const account = await createAccount(operator, { name: `pipeline ${newId()}`, credits });
  const { key } = await createKey(operator, {
    accountId: account.id,
    mode,
    scopes: ['*'],
    allowedBrandId: null,
    expiresInDays: null,
  });
  return { accountId: account.id, key };
}

/** A live-mode account funded with `credits`, and a `*` key. */
export function createLiveTenant(database: Database, credits: number) {
  return createStackTenant(database, { mode: 'live', credits });
}

export async function balanceOf(database: Database, accountId: string): Promise<number> {
  const [row] = await database.db
    .select({ balance: accounts.balance })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  if (!row) throw new Error(`no account ${accountId}`);
  return row.balance;
}

export function expectStatus(response: ApiResponse, status: number): void {
  if (response.status !== status) {
    throw new Error(`expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  }
}

export const BRAND_NAME = 'Acme Analytics';

/** A brand with facts set by PATCH (description and the tracked competitors). */
export async function createBrandWithFacts(stack: Stack, key: string): Promise<string> {
  const brand = await stack.call(key, 'POST', '/v1/brands', {
    name: BRAND_NAME,
    website: 'https://acme-analytics.example',
    categories: ['Analytics'],
  });
  expectStatus(brand, 201);
  const facts = await stack.call(key, 'PATCH', `/v1/brands/${brand.body.id}/facts`, {
    description: 'Acme Analytics turns product data into answers for small teams.',
    competitors: [
      { name: 'Globex', website: 'https://globex.example', aliases: ['Globex Corp'] },
      { name: 'Initech', website: null, aliases: [] },
    ],
  });
  expectStatus(facts, 200);
  return String(brand.body.id);
}

export interface ReportSpec {
  platforms: Platform[];
  prompts: number;
  samples?: number;
  country?: string;
  language?: string;
  location?: string;
}

/** The n-th test prompt; it names the brand, so the fake's answers mention it. */
export const promptText = (index: number) =>
  `Question ${index + 1}: which analytics tools compare well with Acme Analytics?`;

/** A draft report of `brandId` with `spec.prompts` prompts. */
export async function createReport(
  stack: Stack,
  key: string,
  brandId: string,
  spec: ReportSpec,
): Promise<string> {
  const report = await stack.call(key, 'POST', '/v1/reports', {
    brand_id: brandId,
    ai_platforms: spec.platforms,
    samples: spec.samples ?? 1,
    ...(spec.country ? { country: spec.country } : {}),
    ...(spec.language ? { language: spec.language } : {}),
    ...(spec.location ? { location: spec.location } : {}),
  });
  expectStatus(report, 201);
  const prompts = Array.from({ length: spec.prompts }, (_, index) => ({
    prompt_text: promptText(index),
    category: index % 2 === 0 ? 'Comparison' : 'Best of',
  }));
  const added = await stack.call(key, 'POST', `/v1/reports/${report.body.id}/prompts`, { prompts });
  expectStatus(added, 201);
  return String(report.body.id);
}

/** Dispatches a run; returns the job id (throws unless 202). */
export async function runReport(stack: Stack, key: string, reportId: string): Promise<string> {
  const run = await stack.call(key, 'POST', `/v1/reports/${reportId}/runs`, {});
  expectStatus(run, 202);
  return String(run.body.job_id);
}

export interface TestWorker extends RunningWorker {
  /** Errors the worker logged (shown when a test fails). */
  errors: unknown[];
}

/** An in-process worker on the stack's deps; `stop` may be called more than once. */
export async function startStackWorker(
  stack: Stack,
  options: Partial<WorkerOptions> = {},
): Promise<TestWorker> {
  const errors: unknown[] = [];
  const worker = await startWorker(stack.deps, {
    concurrency: 8,
    leaseMs: 30_000,
    pollMs: 50,
    logger: { info: () => {}, error: (object) => errors.push(object) },
    ...options,
  });
  let stopped: Promise<void> | null = null;
  return {
    workerId: worker.workerId,
    errors,
    stop(graceMs = 1000) {
      stopped ??= worker.stop(graceMs);
      return stopped;
    },
  };
}

const INHERITED_CONFIG =
  /^(DATABASE_URL|DATA_DIR|REDIS_URL|TEST_DATABASE_URL|NODE_TEST_CONTEXT|WORKER_|PROVIDER_|SERVE_|OPENAI_|ANTHROPIC_|GOOGLE_|XAI_|PERPLEXITY_|SERPAPI_)/;

export interface WorkerProcess {
  child: ChildProcess;
  /** What the process wrote to stderr (for failure messages). */
  stderr(): string;
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL when it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** `node bin/sightline.mjs worker` against `databaseUrl`, configured only by `env` (and PATH, HOME…). */
export function spawnWorkerProcess(databaseUrl: string, env: Record<string, string>): WorkerProcess {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !INHERITED_CONFIG.test(name)),
  );
  const child = spawn(process.execPath, [CLI, 'worker'], {
    cwd: REPO_ROOT,
    env: { ...inherited, ...GENEROUS_LIMITS, ...env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
  return {
    child,
    stderr: () => stderr,
    exited,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Fake providers, this process's database, and a stack configured for them (see `startFakePipeline`). */
export interface FakePipeline {
  fake: FakeProviders;
  pipelineDb: PipelineDatabase;
  /** The fake providers' environment and `options.env`: the stack's, and any worker process's. */
  env: Record<string, string>;
  stack: Stack;
  /** The worker processes spawned so far. */
  processes: WorkerProcess[];
  /** A worker process on this database (PostgreSQL only). */
  spawnWorker(): WorkerProcess;
  /** An in-process worker on the stack's deps. */
  startWorker(options?: Partial<WorkerOptions>): Promise<TestWorker>;
  /** Stops the workers, then closes the stack, the database and the fake providers. */
  close(): Promise<void>;
}

export interface FakePipelineOptions {
  /** Delay of every reply, per provider (e.g. to keep answers in flight for a while). */
  latencyMs?: Partial<Record<FakeProvider, number>>;
  /** Over the fake providers' environment. */
  env?: Record<string, string>;
  /** Replaces the registry built from the environment. */
  engines?: (env: Record<string, string>) => EngineRegistry;
}

/** The set-up of a live pipeline test against the fake providers; `close` it after the tests. */
export async function startFakePipeline(options: FakePipelineOptions = {}): Promise<FakePipeline> {
  const fake = await startFakeProviders();
  try {
    for (const [provider, latencyMs] of Object.entries(options.latencyMs ?? {})) {
      fake.script(provider as FakeProvider, { latencyMs });
    }
    return await pipelineOn(fake, await openPipelineDatabase(), options);
  } catch (error) {
    // No pipeline reaches the tests' `after`, and the fake's open server would keep the process alive.
    await fake.close();
    throw error;
  }
}

async function pipelineOn(
  fake: FakeProviders,
  pipelineDb: PipelineDatabase,
  options: FakePipelineOptions,
): Promise<FakePipeline> {
  const env = { ...fakeProviderEnv(fake.urls), ...options.env };
  const stack = await buildStack(pipelineDb.database, env, { engines: options.engines?.(env) });
  const processes: WorkerProcess[] = [];
  const workers: TestWorker[] = [];
  return {
    fake,
    pipelineDb,
    env,
    stack,
    processes,
    spawnWorker() {
      if (!pipelineDb.url) throw new Error('worker processes need PostgreSQL (TEST_DATABASE_URL)');
      const worker = spawnWorkerProcess(pipelineDb.url, env);
      processes.push(worker);
      return worker;
    },
    async startWorker(workerOptions) {
      const worker = await startStackWorker(stack, workerOptions);
      workers.push(worker);
      return worker;
    },
    async close() {
      await Promise.all([...processes, ...workers].map((worker) => worker.stop()));
      await stack.close();
      await pipelineDb.close();
      await fake.close();
    },
  };
}
