#!/usr/bin/env node
// Runs the TypeScript sources through tsx: no build step, nothing generated to keep in sync.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
