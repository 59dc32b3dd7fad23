import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { createAccount, createKey } from '../src/accounts/accounts.service.ts';
import { buildApp } from '../src/app.ts';
import { type Clock, newId } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { MIGRATIONS_FOLDER, migrateDatabase } from '../src/db/migrate.ts';
import { createDeps, type Deps } from '../src/deps.ts';
import { type RunningWorker, startWorker, type WorkerOptions } from '../src/work/worker.ts';

/**
 * One migrated database per test process, isolated per test by fresh accounts. PGlite's first start
 * costs ~5 s, so a migrated dump is cached in the temp folder and loaded in under a second.
 * With TEST_DATABASE_URL the same suite runs against real PostgreSQL, in a fresh database of this
 * process's own beside that one: test files run concurrently, and a worker claims any job in its
 * database, so files must not share one.
 */
interface TestDatabase {
  database: Database;
  /** The PostgreSQL URL (for worker processes a test spawns); null on PGlite. */
  url: string | null;
  drop(): Promise<void>;
}

let testDatabasePromise: Promise<TestDatabase> | null = null;

function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(MIGRATIONS_FOLDER).sort()) {
    if (name.endsWith('.sql')) hash.update(readFileSync(join(MIGRATIONS_FOLDER, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

async function openPgliteFromDump(): Promise<Database> {
  const dumpPath = join(tmpdir(), `sightline-test-${migrationsFingerprint()}.tar.gz`);
  if (existsSync(dumpPath)) {
    const blob = new Blob([readFileSync(dumpPath)]);
    return openDatabase({ pglite: new PGlite({ loadDataDir: blob }) });
  }
  const database = await openDatabase({ pglite: new PGlite() });
  await migrateDatabase(database);
  const client = (database.db as unknown as { $client: PGlite }).$client;
  const dump = await client.dumpDataDir('gzip');
  const partial = `${dumpPath}.${process.pid}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, dumpPath);
  return database;
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function openTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return { database: await openPgliteFromDump(), url: null, drop: async () => {} };
  const name = `sl_test_${process.pid}_${Date.now().toString(36)}`;
  await onServer(serverUrl, `create database ${pg.escapeIdentifier(name)}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  await migrateDatabase(database);
  return {
    database,
    url: url.toString(),
    drop: () => onServer(serverUrl, `drop database if exists ${pg.escapeIdentifier(name)} with (force)`),
  };
}

function ownTestDatabase(): Promise<TestDatabase> {
  testDatabasePromise ??= openTestDatabase();
  return testDatabasePromise;
}

export async function testDatabase(): Promise<Database> {
  return (await ownTestDatabase()).database;
}

/** This process's PostgreSQL database URL (for spawned workers); null on PGlite. */
export async function testDatabaseUrl(): Promise<string | null> {
  return (await ownTestDatabase()).url;
}

export async function testDeps(overrides: { clock?: Clock; env?: NodeJS.ProcessEnv } = {}): Promise<Deps> {
  return createDeps(loadConfig({ LOG_LEVEL: 'silent', ...overrides.env }), await testDatabase(), {
    clock: overrides.clock,
  });
}

let appPromise: Promise<FastifyInstance> | null = null;

/** The app shared by a test file (built once per process). */
export function testApp(): Promise<FastifyInstance> {
  appPromise ??= testDeps().then((deps) => buildApp(deps));
  return appPromise;
}

// Registered when the harness is first imported, so it runs once after the whole file, not after one test.
after(async () => {
  await (await appPromise)?.close();
  const own = await testDatabasePromise;
  await own?.database.close();
  await own?.drop();
});

export interface TestTenant {
  accountId: string;
  key: string;
  /** Another key of the same account, e.g. with fewer scopes or restricted to a brand. */
  keyWith(options: { scopes?: string[]; allowedBrandId?: string; mode?: 'live' | 'test' }): Promise<string>;
}

export async function createTenant(
  options: { credits?: number; mode?: 'live' | 'test'; scopes?: string[] } = {},
): Promise<TestTenant> {
  const deps = await testDeps();
  const operator = { db: deps.database.db, clock: deps.clock, newId: deps.newId };
  const account = await createAccount(operator, { name: `test ${newId()}`, credits: options.credits ?? 0 });
  const keyWith: TestTenant['keyWith'] = async (keyOptions) =>
    (
      await createKey(operator, {
        accountId: account.id,
        mode: keyOptions.mode ?? options.mode ?? 'test',
        scopes: keyOptions.scopes ?? ['*'],
        allowedBrandId: keyOptions.allowedBrandId ?? null,
        expiresInDays: null,
      })
    ).key;
  return { accountId: account.id, key: await keyWith({ scopes: options.scopes }), keyWith };
}

export type Method = NonNullable<InjectOptions['method']>;

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: LightMyRequestResponse['headers'];
}

/** A request as the tests write it: the key (none when null), method, URL, JSON body and extra headers. */
export type JsonRequest = [
  key: string | null,
  method: Method,
  url: string,
  body?: unknown,
  headers?: Record<string, string>,
];

/**
 * Sends one JSON request to `app`; POSTs get a fresh Idempotency-Key unless one is given. The body
 * is read back as JSON (null when empty).
 */
export async function injectJson<T = Record<string, unknown>>(
  app: FastifyInstance,
  ...[key, method, url, body, headers = {}]: JsonRequest
): Promise<ApiResponse<T>> {
  const response = await app.inject({
    method,
    url,
    payload: body === undefined ? undefined : JSON.stringify(body),
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(method === 'POST' && !('idempotency-key' in headers) ? { 'idempotency-key': newId() } : {}),
      ...headers,
    },
  });
  return {
    status: response.statusCode,
    body: (response.body ? JSON.parse(response.body) : null) as T,
    headers: response.headers,
  };
}

/** Sends one request to the file's shared app (see `injectJson`). */
export async function call<T = Record<string, unknown>>(...request: JsonRequest): Promise<ApiResponse<T>> {
  return injectJson<T>(await testApp(), ...request);
}

/** The error envelope the catalog promises, minus the request id that varies. */
export function expectError(response: ApiResponse, status: number, code: string): Record<string, unknown> {
  if (response.status !== status) {
    throw new Error(`expected ${status} ${code}, got ${response.status} ${JSON.stringify(response.body)}`);
  }
  const body = response.body as {
    error?: { code?: string; details?: Record<string, unknown> };
    request_id?: string;
  };
  if (body.error?.code !== code || typeof body.request_id !== 'string') {
    throw new Error(`expected error ${code}, got ${JSON.stringify(body)}`);
  }
  return body.error.details ?? {};
}

const silentLogger = { info: () => {}, error: () => {} };

/** A worker in this test process, on the shared test database; stopped after the file. */
export async function startTestWorker(
  options: Partial<WorkerOptions> = {},
  deps?: Deps,
): Promise<RunningWorker> {
  const worker = await startWorker(deps ?? (await testDeps()), {
    concurrency: 4,
    leaseMs: 30_000,
    pollMs: 50,
    logger: silentLogger,
    ...options,
  });
  after(() => worker.stop(1000));
  return worker;
}

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

/** Polls the job as a client would until it finishes (bounded: a stuck job fails the test). */
export async function waitForJob(
  key: string,
  jobId: string,
  timeoutMs = 60_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { body } = await call(key, 'GET', `/v1/jobs/${jobId}`);
    if (TERMINAL.has(String(body.status))) return body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${jobId} did not finish in ${timeoutMs} ms`);
}

/** Keys of the tenant's neighbours that an endpoint must refuse (see `expectSecurity`). */
export interface Outsiders {
  /** A key of another account: the resource does not exist for it. */
  stranger: string;
  /** A live key of the same account: test-mode data does not exist for it. */
  live?: string;
  /** A key of the same account restricted to another brand. */
  restricted: string;
  /** A key of the same account without the endpoint's scope, and the error details it must get. */
  unscoped?: { key: string; details?: Record<string, unknown> };
}

/**
 * The security cases of one endpoint: 401 unauthorized without a key, 403 insufficient_scope for
 * `unscoped`, 404 not_found for the stranger and the live key, 403 brand_not_authorized for the
 * restricted key. All are refusals, so nothing changes and the order does not matter.
 */
export async function expectSecurity(
  outsiders: Outsiders,
  method: Method,
  url: string,
  body?: unknown,
): Promise<void> {
  // Each failure names the endpoint, since callers check several in a loop.
  const expectRefused = async (key: string | null, status: number, code: string) => {
    const response = await call(key, method, url, body);
    try {
      return expectError(response, status, code);
    } catch (error) {
      throw new Error(`${method} ${url}: ${(error as Error).message}`);
    }
  };
  await expectRefused(null, 401, 'unauthorized');
  if (outsiders.unscoped) {
    const details = await expectRefused(outsiders.unscoped.key, 403, 'insufficient_scope');
    if (outsiders.unscoped.details) assert.deepEqual(details, outsiders.unscoped.details, `${method} ${url}`);
  }
  await expectRefused(outsiders.stranger, 404, 'not_found');
  if (outsiders.live) await expectRefused(outsiders.live, 404, 'not_found');
  await expectRefused(outsiders.restricted, 403, 'brand_not_authorized');
}

/** The content fields of brand facts, all empty: facts nothing is known of yet, or a research reply that found nothing. */
export const EMPTY_BRAND_FACTS = {
  description: null,
  tagline: null,
  mission_statement: null,
  value_proposition: null,
  industry: null,
  company_size: null,
  founded_year: null,
  headquarters: null,
  key_facts: [],
  key_people: [],
  products: [],
  services: [],
  competitors: [],
};
