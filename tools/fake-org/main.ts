/**
 * Runs the fake org on its own, for trying modjo-sf by hand:
 *   npx tsx tools/fake-org/main.ts [--port 8787] [--token fake-token] [--faults '[{"kind":"503","rate":0.2}]'] [--seed 1]
 * then: MODJO_SF_ACCESS_TOKEN=fake-token modjo-sf push calls.ndjson --instance-url http://127.0.0.1:8787
 */
import { parseArgs } from 'node:util';
import { startFakeOrg, type FaultRule } from './server';

async function run(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      token: { type: 'string', default: 'fake-token' },
      faults: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'latency-ms': { type: 'string' }
    }
  });
  const faults = values.faults ? (JSON.parse(values.faults) as FaultRule[]) : [];
  const org = await startFakeOrg({
    port: Number(values.port),
    token: values.token,
    faults,
    seed: Number(values.seed),
    ...(values['latency-ms'] ? { latencyMs: Number(values['latency-ms']) } : {})
  });
  process.stdout.write(
    `Fake org listening on ${org.url} (token "${org.token}", ${faults.length} fault rule(s)). Ctrl-C to stop.\n`
  );
  const stop = (): void => {
    const applied = [...org.state.calls.values()].reduce((n, c) => n + c.applied, 0);
    process.stdout.write(
      `\n${org.state.postRequests} POST(s), ${org.state.calls.size} call(s) stored, ${applied} application(s), faults ${JSON.stringify(org.state.faultsInjected)}\n`
    );
    void org.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void run();
