import { main } from '../src/cli/main.js';
import { peakRssKb } from './peak-memory.js';

/**
 * One `palisade scan image` run, as the CLI does it, reporting on stdout how long the
 * command took once the program was loaded, and this process's peak memory:
 * {"code": …, "ms": …, "maxRssKb": …}. Arguments are the CLI's.
 */
const started = performance.now();
const code = await main(process.argv.slice(2));
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ code, ms, maxRssKb: peakRssKb() })}\n`);
