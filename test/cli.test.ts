import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';

const BIN = join(import.meta.dirname, '..', 'bin', 'sightline.mjs');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent', TEST_DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function finished(child: ChildProcess): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

const sightline = (args: string[], env: NodeJS.ProcessEnv) => finished(start(args, env));
const json = (run: Run) => JSON.parse(run.stdout.trim()) as Record<string, unknown>;

describe('the command line on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sightline-cli-'));
  const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates accounts and keys, lists, grants and revokes, printing one JSON object with --json', async () => {
    const account = await sightline(
      ['accounts', 'create', '--name', 'Agency', '--credits', '5', '--json'],
      env,
    );
    assert.equal(account.code, 0, account.stderr);
    const created = json(account);
    assert.deepEqual(
      { name: created.name, balance: created.balance, keys: Object.keys(created).sort() },
      {
        name: 'Agency',
        balance: 5,
        keys: ['balance', 'id', 'name'],
      },
    );
    const accountId = String(created.id);

    const key = json(
      await sightline(
        [
          'keys',
          'create',
          '--account',
          accountId,
          '--mode',
          'test',
          '--scopes',
          'read:all,write:reports',
          '--json',
        ],
        env,
      ),
    );
    assert.deepEqual(Object.keys(key).sort(), ['id', 'key', 'mode', 'prefix', 'scopes']);
    assert.match(String(key.key), /^sl_test_[0-9A-Za-z]{38}$/);
    assert.ok(String(key.key).startsWith(String(key.prefix)));
    assert.deepEqual(
      { mode: key.mode, scopes: key.scopes },
      { mode: 'test', scopes: ['read:all', 'write:reports'] },
    );

    const grant = json(
      await sightline(['credits', 'grant', '--account', accountId, '--amount', '7', '--json'], env),
    );
    assert.equal(grant.balance, 12);

    const revoked = await sightline(['keys', 'revoke', String(key.id), '--json'], env);
    assert.equal(revoked.code, 0, revoked.stderr);
    const listed = json(await sightline(['keys', 'list', '--account', accountId, '--json'], env)) as {
      data: Array<{ id: string; revoked_at: string | null }>;
    };
    assert.equal(listed.data.length, 1);
    assert.equal(listed.data[0]?.id, key.id);
    assert.equal(typeof listed.data[0]?.revoked_at, 'string');

    const unknownScope = await sightline(
      ['keys', 'create', '--account', accountId, '--scopes', 'root', '--json'],
      env,
    );
    assert.equal(unknownScope.code, 2);
    assert.match(String(json(unknownScope).error), /Unknown scope/);
  });

  it('refuses to open the embedded database while another process holds it', async () => {
    const server = start(['serve', '--no-workers'], { ...env, PORT: '0' });
    const serverRun = finished(server);
    await new Promise<void>((resolve) => {
      server.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Sightline listening on')) resolve();
      });
    });
    const refused = await sightline(['accounts', 'create', '--name', 'X', '--json'], env);
    server.kill('SIGTERM');
    assert.equal((await serverRun).code, 0, 'serve exits cleanly on SIGTERM');
    assert.equal(refused.code, 2);
    assert.match(String(json(refused).error), /in use by `sightline serve`/);
  });
});

describe('the command line on PostgreSQL', {
  skip: !process.env.TEST_DATABASE_URL && 'needs TEST_DATABASE_URL',
}, () => {
  const serverUrl = process.env.TEST_DATABASE_URL ?? '';
  const name = `sl_cli_${process.pid}_${Date.now().toString(36)}`;
  const url = new URL(serverUrl || 'postgres://localhost/x');
  url.pathname = `/${name}`;
  const env = { DATABASE_URL: url.toString() };
  const onServer = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  after(() => onServer(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`));

  it('refuses to serve an unmigrated database, migrates, and stops a worker on SIGTERM', async () => {
    await onServer(`create database ${pg.escapeIdentifier(name)}`);
    const refused = await sightline(['serve'], env);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /run `sightline migrate` first/);
    const migrated = await sightline(['migrate', '--json'], env);
    assert.deepEqual(json(migrated), { migrated: true });

    const worker = start(['worker'], { ...env, LOG_LEVEL: 'info' });
    const run = finished(worker);
    await new Promise<void>((resolve) => {
      worker.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('worker started')) resolve();
      });
    });
    worker.kill('SIGTERM');
    const stopped = await run;
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.match(stopped.stdout, /worker stopped/);
  });
});
