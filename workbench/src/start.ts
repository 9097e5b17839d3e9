/**
 * `npm start`: builds the workbench and serves it on localhost.
 *   npm start                      production build, port 4321 (or the next free one)
 *   npm start -- --port 5000       another port
 *   npm start -- --dev             development build of the LWC engine (dev-mode warnings in the console)
 *   npm start -- --build-only      build and exit (same as `npm run workbench:build`)
 */
import { buildWorkbench, DEFAULT_OUT_DIR } from './build';
import { serveStatic, type RunningServer } from './server';

interface Args {
  port: number;
  dev: boolean;
  buildOnly: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { port: Number(process.env.PORT ?? 4321), dev: false, buildOnly: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--dev') {
      args.dev = true;
    } else if (arg === '--build-only') {
      args.buildOnly = true;
    } else if (arg === '--port') {
      args.port = Number(argv[++i]);
    } else if (arg.startsWith('--port=')) {
      args.port = Number(arg.slice('--port='.length));
    } else {
      throw new Error(`Unknown option ${arg} (options: --port N, --dev, --build-only)`);
    }
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    throw new Error('--port needs a number between 0 and 65535');
  }
  return args;
}

async function listen(port: number): Promise<RunningServer> {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    try {
      return await serveStatic(DEFAULT_OUT_DIR, port === 0 ? 0 : port + attempt);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) {
        throw error;
      }
    }
  }
  return serveStatic(DEFAULT_OUT_DIR, 0);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const result = await buildWorkbench({ mode: args.dev ? 'development' : 'production' });
  if (args.buildOnly) {
    return;
  }
  const server = await listen(args.port);
  console.log(`Workbench: ${server.url}`);
  for (const page of result.pages) {
    console.log(`  ${server.url}${page.name}.html  (${page.scenarios.length} scenario(s))`);
  }
  console.log('Press Ctrl+C to stop.');
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
