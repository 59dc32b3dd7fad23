import {
  createAccount,
  createKey,
  grantCredits,
  listAccountKeys,
  OperatorError,
  revokeAccountKey,
} from '../accounts/accounts.service.ts';
import type { Config } from '../config.ts';
import { CliError, openRuntime, operatorDeps } from './runtime.ts';

export interface Output {
  json: boolean;
  print(line: string): void;
}

type Flags = Record<string, string | boolean | undefined>;

function required(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value === '') throw new CliError(`--${name} is required`);
  return value;
}

function integer(flags: Flags, name: string, fallback: number | null): number | null {
  const value = flags[name];
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(parsed))
    throw new CliError(`--${name} must be a whole number`);
  return parsed;
}

function emit(output: Output, result: object, human: string): void {
  output.print(output.json ? JSON.stringify(result) : human);
}

async function withOperator<T>(
  config: Config,
  command: string,
  run: (deps: ReturnType<typeof operatorDeps>) => Promise<T>,
) {
  const runtime = await openRuntime(config, command, { migrate: false });
  try {
    return await run(operatorDeps(runtime));
  } catch (error) {
    if (error instanceof OperatorError) throw new CliError(error.message);
    throw error;
  } finally {
    await runtime.close();
  }
}

export async function accountsCreate(config: Config, flags: Flags, output: Output): Promise<void> {
  const name = required(flags, 'name');
  const credits = integer(flags, 'credits', 0) ?? 0;
  if (credits < 0) throw new CliError('--credits cannot be negative');
  const account = await withOperator(config, 'accounts create', (deps) =>
    createAccount(deps, { name, credits }),
  );
  emit(output, account, `Created account ${account.id} (${account.name}), balance ${account.balance}.`);
}

export async function keysCreate(config: Config, flags: Flags, output: Output): Promise<void> {
  const accountId = required(flags, 'account');
  const mode = flags.mode ?? 'live';
  if (mode !== 'live' && mode !== 'test') throw new CliError('--mode must be live or test');
  const scopes =
    typeof flags.scopes === 'string'
      ? flags.scopes
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : ['*'];
  const brand = flags.brand;
  const expiresInDays = integer(flags, 'expires-in-days', null);
  if (expiresInDays !== null && expiresInDays <= 0) throw new CliError('--expires-in-days must be positive');
  const key = await withOperator(config, 'keys create', (deps) =>
    createKey(deps, {
      accountId,
      mode,
      scopes,
      allowedBrandId: typeof brand === 'string' ? brand : null,
      expiresInDays,
    }),
  );
  emit(
    output,
    key,
    `Created ${key.mode} key ${key.id} (scopes ${key.scopes.join(',')}). Shown once:\n${key.key}`,
  );
}

export async function keysList(config: Config, flags: Flags, output: Output): Promise<void> {
  const accountId = required(flags, 'account');
  const keys = await withOperator(config, 'keys list', (deps) => listAccountKeys(deps, accountId));
  const lines = keys.map(
    (key) =>
      `${key.id}  ${key.prefix}…  ${key.mode}  ${key.scopes.join(',')}${key.revoked_at ? '  revoked' : ''}`,
  );
  emit(output, { object: 'list', data: keys }, lines.join('\n') || 'No keys.');
}

export async function keysRevoke(config: Config, keyId: string | undefined, output: Output): Promise<void> {
  if (!keyId) throw new CliError('usage: sightline keys revoke KEY_ID');
  const revoked = await withOperator(config, 'keys revoke', (deps) => revokeAccountKey(deps, keyId));
  emit(output, revoked, `Revoked key ${revoked.id}.`);
}

export async function creditsGrant(config: Config, flags: Flags, output: Output): Promise<void> {
  const accountId = required(flags, 'account');
  const amount = integer(flags, 'amount', null);
  if (amount === null) throw new CliError('--amount is required');
  const reason = typeof flags.reason === 'string' ? flags.reason : 'operator grant';
  const grant = await withOperator(config, 'credits grant', (deps) =>
    grantCredits(deps, { accountId, amount, reason }),
  );
  emit(output, grant, `Granted ${grant.amount} credits to ${grant.account_id}; balance ${grant.balance}.`);
}
