/**
 * `npm start`: builds the workbench and serves it on localhost.
 *   npm start                      production build, port 4321 (or the next free one)
 *   npm start -- --port 5000       another port
 *   npm start -- --dev             development build of the LWC engine (dev-mode warnings in the console)
 *   npm start -- --build-only      build and exit (same as `npm run workbench:build`)
 *   npm start -- --watch           rebuild when a component, label, fixture or scenario changes (then reload the page)
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildWorkbench, DEFAULT_OUT_DIR, REPO_ROOT } from './build';
import { serveStatic, type RunningServer } from './server';

interface Args {
  port: number;
  dev: boolean;
  buildOnly: boolean;
  watch: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { port: Number(process.env.PORT ?? 4321), dev: false, buildOnly: false, watch: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--dev') {
      args.dev = true;
    } else if (arg === '--watch') {
      args.watch = true;
    } else if (arg === '--build-only') {
      args.buildOnly = true;
    } else if (arg === '--port') {
      args.port = Number(argv[++i]);
    } else if (arg.startsWith('--port=')) {
      args.port = Number(arg.slice('--port='.length));
    } else {
      throw new Error(`Unknown option ${arg} (options: --port N, --dev, --watch, --build-only)`);
    }
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    throw new Error('--port needs a number between 0 and 65535');
  }
  return args;
}

async function listen(port: number, root: string | (() => string)): Promise<RunningServer> {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    try {
      return await serveStatic(root, port === 0 ? 0 : port + attempt);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) {
        throw error;
      }
    }
  }
  return serveStatic(root, 0);
}

/** Sources whose changes call for a rebuild (generated `.js` files beside the components are not among them). */
const WATCHED = [
  'force-app/main/default/lwc',
  'force-app/main/default/labels',
  'fixtures',
  'workbench/scenarios',
  'workbench/runtime',
  'workbench/mocks'
];
const WATCHED_EXTENSIONS = new Set(['.ts', '.html', '.css', '.json', '.xml']);

/**
 * Watch mode: every build goes to a fresh folder under workbench/dist/ and the server switches to it once it is
 * complete, so a page never loads half a build; a change during a build queues one more build.
 */
class Watcher {
  private count = 0;
  private timer: NodeJS.Timeout | undefined;
  private building = false;
  private again = false;
  current = '';

  constructor(private readonly mode: 'production' | 'development') {}

  async build(): Promise<void> {
    if (this.building) {
      this.again = true;
      return;
    }
    this.building = true;
    this.count += 1;
    const next = path.join(DEFAULT_OUT_DIR, `watch-${this.count}`);
    try {
      await buildWorkbench({ mode: this.mode, outDir: next });
      const previous = this.current;
      this.current = next;
      if (previous) {
        fs.rmSync(previous, { recursive: true, force: true });
        console.log('workbench: rebuilt, reload the page');
      }
    } catch (error) {
      fs.rmSync(next, { recursive: true, force: true });
      if (!this.current) {
        throw error;
      }
      const message = error instanceof Error ? error.message : String(error);
      console.error(`workbench: build failed, still serving the previous one\n${message}`);
    } finally {
      this.building = false;
      if (this.again) {
        this.again = false;
        void this.build();
      }
    }
  }

  watch(): void {
    for (const dir of WATCHED.map((d) => path.join(REPO_ROOT, d)).filter((d) => fs.existsSync(d))) {
      fs.watch(dir, { recursive: true }, (_event, file) => {
        const name = String(file ?? '');
        if (!WATCHED_EXTENSIONS.has(path.extname(name)) || name.includes('__tests__')) {
          return;
        }
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.build(), 300);
      });
    }
    console.log(`Watching ${WATCHED.join(', ')}`);
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const mode = args.dev ? 'development' : 'production';
  if (args.watch) {
    fs.rmSync(DEFAULT_OUT_DIR, { recursive: true, force: true });
    const watcher = new Watcher(mode);
    await watcher.build();
    const server = await listen(args.port, () => watcher.current);
    announce(server, watcher.current);
    watcher.watch();
    stopOnSignal(server);
    return;
  }
  await buildWorkbench({ mode });
  if (args.buildOnly) {
    return;
  }
  const server = await listen(args.port, DEFAULT_OUT_DIR);
  announce(server, DEFAULT_OUT_DIR);
  stopOnSignal(server);
}

function announce(server: RunningServer, dir: string): void {
  console.log(`Workbench: ${server.url}`);
  const index = path.join(dir, 'data', 'index.json');
  if (fs.existsSync(index)) {
    for (const page of JSON.parse(fs.readFileSync(index, 'utf8')) as Array<{ name: string; scenarios: unknown[] }>) {
      console.log(`  ${server.url}${page.name}.html  (${page.scenarios.length} scenario(s))`);
    }
  }
  console.log('Press Ctrl+C to stop.');
}

function stopOnSignal(server: RunningServer): void {
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
