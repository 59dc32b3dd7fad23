import { createReadStream, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runAnalyzeCli } from './analysis/cli.ts';
import { EmbeddedDatabaseBusyError } from './cli/embedded-lock.ts';
import {
  accountsCreate,
  creditsGrant,
  keysCreate,
  keysList,
  keysRevoke,
  type Output,
} from './cli/operator-commands.ts';
import { CliError, openRuntime } from './cli/runtime.ts';
import { schedule, serve, work } from './cli/serve.ts';
import { ConfigError, loadConfig } from './config.ts';

const USAGE = `usage: sightline <command> [--json]
  serve [--no-workers]                    API, workers and scheduler in one process
  worker                                  workers only (any number, one DATABASE_URL)
  scheduler                               the schedule tick only (every SCHEDULER_TICK_SECONDS)
  migrate                                 apply database migrations
  accounts create --name N [--credits C]
  keys create --account ID [--mode live|test] [--scopes s1,s2] [--brand BRAND_ID] [--expires-in-days D]
  keys list --account ID
  keys revoke KEY_ID
  credits grant --account ID --amount N [--reason R]
  analyze [FILE]                          analyse answers (eval-format JSON lines; stdin without FILE)`;

const OPTIONS = {
  json: { type: 'boolean' },
  name: { type: 'string' },
  credits: { type: 'string' },
  account: { type: 'string' },
  mode: { type: 'string' },
  scopes: { type: 'string' },
  brand: { type: 'string' },
  'expires-in-days': { type: 'string' },
  amount: { type: 'string' },
  reason: { type: 'string' },
  'no-workers': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function migrate(config: ReturnType<typeof loadConfig>, output: Output): Promise<void> {
  const runtime = await openRuntime(config, 'migrate', { migrate: true });
  await runtime.close();
  output.print(output.json ? JSON.stringify({ migrated: true }) : 'Database migrated.');
}

async function analyze(file: string | undefined): Promise<void> {
  if (file !== undefined && !existsSync(file)) throw new CliError(`no such file: ${file}`);
  await runAnalyzeCli(file === undefined ? process.stdin : createReadStream(file), process.stdout);
}

export async function main(argv: string[]): Promise<number> {
  let output: Output = { json: argv.includes('--json'), print: (line) => console.log(line) };
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    output = { ...output, json: values.json === true };
    const [command, sub, arg] = positionals;
    const config = loadConfig();
    const route = `${command ?? ''} ${sub ?? ''}`.trim();
    if (values.help || !command) {
      console.log(USAGE);
      return command ? 0 : 2;
    }
    if (command === 'serve') await serve(config, output, { workers: values['no-workers'] !== true });
    else if (command === 'worker') await work(config);
    else if (command === 'scheduler') await schedule(config);
    else if (command === 'migrate') await migrate(config, output);
    else if (route === 'accounts create') await accountsCreate(config, values, output);
    else if (route === 'keys create') await keysCreate(config, values, output);
    else if (route === 'keys list') await keysList(config, values, output);
    else if (route === 'keys revoke') await keysRevoke(config, arg, output);
    else if (route === 'credits grant') await creditsGrant(config, values, output);
    else if (command === 'analyze') await analyze(sub);
    else throw new CliError(`unknown command: ${route}\n${USAGE}`);
    return 0;
  } catch (error) {
    const known =
      error instanceof CliError || error instanceof ConfigError || error instanceof EmbeddedDatabaseBusyError;
    const message =
      known || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? (error as Error).message
        : String((error as Error).stack ?? error);
    if (output.json) console.log(JSON.stringify({ error: message }));
    else console.error(`sightline: ${message}`);
    return known ? 2 : 1;
  }
}
