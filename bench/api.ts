// Requests per second and p99 latency of the HTTP API on loopback against real PostgreSQL, beside the
// floor a bare `pg` pool reaches for the same primary-key read. Creates and drops its own database;
// bounded: ~10 s per scenario plus set-up. autocannon runs in the server's process, so the API
// figures are a lower bound: load generation takes part of the same event loop.
//   node --import tsx bench/api.ts
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { createAccount, createKey } from '../src/accounts/accounts.service.ts';
import { buildApp } from '../src/app.ts';
import { newId } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { migrateDatabase } from '../src/db/migrate.ts';
import { createDeps } from '../src/deps.ts';

const SERVER_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CONNECTIONS = 10;
const DURATION_S = 10;
const WARM_UP_S = 1;
// Spec §7: at most 20 region configs per schedule; every schedule in the pool takes exactly that many.
const CONFIGS_PER_SCHEDULE = 20;

interface Figures {
  scenario: string;
  requestsPerSecond: number;
  p99Ms: number;
  requests: number;
  failures: number;
}

function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function post(base: string, key: string, path: string, body: unknown): Promise<{ id: string }> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      'idempotency-key': newId(),
    },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { id: string };
  if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Runs `task(i)` for i in [0, count) on `concurrency` loops. */
async function inParallel<T>(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const loop = async () => {
    for (let i = next++; i < count; i = next++) results[i] = await task(i);
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return results;
}

function fromAutocannon(scenario: string, result: autocannon.Result): Figures {
  return {
    scenario,
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors,
  };
}

async function measureGet(base: string, key: string, brandId: string): Promise<Figures> {
  const options = {
    url: `${base}/v1/brands/${brandId}`,
    connections: CONNECTIONS,
    headers: { authorization: `Bearer ${key}` },
  };
  await autocannon({ ...options, duration: WARM_UP_S });
  return fromAutocannon('GET /v1/brands/{id}', await autocannon({ ...options, duration: DURATION_S }));
}

async function measureCreateRegionConfig(
  base: string,
  key: string,
  brandId: string,
  scheduleIds: string[],
): Promise<Figures> {
  let sent = 0;
  const result = await autocannon({
    url: `${base}/v1/region-configs`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const index = sent++;
          // Round robin: a config insert locks its schedule, and ten connections on one schedule would
          // measure that lock. Past 20 rounds every request is a 409, shown in the non-2xx column.
          const scheduleId = scheduleIds[index % scheduleIds.length];
          return {
            ...request,
            headers: {
              authorization: `Bearer ${key}`,
              'content-type': 'application/json',
              'idempotency-key': `bench-${index}`,
            },
            body: JSON.stringify({
              brand_id: brandId,
              scheduled_report_id: scheduleId,
              name: `Market ${index}`,
              country: 'US',
              ai_platforms: ['chatgpt', 'perplexity'],
            }),
          };
        },
      },
    ],
  });
  return fromAutocannon('POST /v1/region-configs', result);
}

/** The floor: the same primary-key read the GET does, straight through a pool, no HTTP, no auth. */
async function measurePgFloor(url: string, brandId: string): Promise<Figures> {
  const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS });
  try {
    const latencies: number[] = [];
    const deadline = performance.now() + DURATION_S * 1000;
    const loop = async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        await pool.query('SELECT * FROM brands WHERE id = $1', [brandId]);
        latencies.push(performance.now() - started);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONNECTIONS }, loop));
    const elapsedS = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      scenario: 'pg Pool SELECT brands by id',
      requestsPerSecond: latencies.length / elapsedS,
      p99Ms: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0,
      requests: latencies.length,
      failures: 0,
    };
  } finally {
    await pool.end();
  }
}

function printTable(rows: Figures[]): void {
  console.log(
    `${'scenario'.padEnd(30)} ${'req/s'.padStart(9)} ${'p99 ms'.padStart(8)} ${'requests'.padStart(9)} ${'non-2xx'.padStart(8)}`,
  );
  for (const row of rows) {
    console.log(
      `${row.scenario.padEnd(30)} ${row.requestsPerSecond.toFixed(0).padStart(9)} ${row.p99Ms.toFixed(2).padStart(8)} ${String(row.requests).padStart(9)} ${String(row.failures).padStart(8)}`,
    );
  }
}

async function run(url: string, database: Database): Promise<Figures[]> {
  await migrateDatabase(database);
  // The burst limit (120/min per key) would turn the run into a measure of 429s; the limiter still runs.
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DATABASE_URL: url,
    RATE_LIMIT_BURST_PER_MINUTE: '1000000000',
  });
  const deps = createDeps(config, database);
  const app: FastifyInstance = await buildApp(deps);
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const operator = { db: database.db, clock: deps.clock, newId: deps.newId };
    const account = await createAccount(operator, { name: 'bench' });
    const { key } = await createKey(operator, {
      accountId: account.id,
      mode: 'live',
      scopes: ['*'],
      allowedBrandId: null,
      expiresInDays: null,
    });
    const brand = await post(base, key, '/v1/brands', { name: 'Acme', website: 'https://acme.com' });
    await post(base, key, '/v1/scheduled-reports', {
      brand_id: brand.id,
      name: 'Weekly',
      frequency: 'weekly',
    });

    const get = await measureGet(base, key, brand.id);
    // POSTs write several rows each, so they cannot outrun the GET: its rate sizes the schedule pool.
    const poolSize = Math.ceil((get.requestsPerSecond * DURATION_S * 1.5) / CONFIGS_PER_SCHEDULE) + 10;
    const schedules = await inParallel(poolSize, CONNECTIONS, (i) =>
      post(base, key, '/v1/scheduled-reports', { brand_id: brand.id, name: `Pool ${i}`, frequency: 'daily' }),
    );
    const create = await measureCreateRegionConfig(
      base,
      key,
      brand.id,
      schedules.map((schedule) => schedule.id),
    );
    const floor = await measurePgFloor(url, brand.id);
    return [get, create, floor];
  } finally {
    await app.close();
  }
}

const name = `sightline_bench_${Date.now()}`;
await onServer(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
const url = databaseUrl(name);
try {
  const database = await openDatabase({ url });
  let figures: Figures[];
  try {
    figures = await run(url, database);
  } finally {
    await database.close();
  }
  console.log(`loopback, ${CONNECTIONS} connections, ${DURATION_S} s per scenario, database ${name}`);
  printTable(figures);
} finally {
  await onServer(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
}
