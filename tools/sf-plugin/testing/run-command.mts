/**
 * Test runner: `node --import tsx tools/sf-plugin/testing/run-command.mts <command> [args…]` runs one `sf modjo`
 * command class from the sources, as sf would (oclif's Command.run with the project as the plugin root). The class
 * prints its output and sets the exit code; a failure has been reported by then.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const [name, ...argv] = process.argv.slice(2);
const { default: Command } = (await import(`../commands/modjo/${name}.mts`)) as {
  default: { run(argv: string[], root: string): Promise<unknown> };
};
await Command.run(argv, ROOT).catch(() => undefined);
