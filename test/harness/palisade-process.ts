/**
 * `palisade ARGS` from the sources, for tests that need the CLI as a real process (killed, run
 * several at once) without a build: `node vite-node.mjs test/harness/palisade-process.ts ARGS`.
 */
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
