import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError, EXIT, UsageError, intFlag, stringFlag, write, type CommandDef } from '../cli-kit';
import { generatePayload, type SampleKind, type SamplePayload } from '../sample/generator';

export interface SampleResult {
  count: number;
  seed: string;
  kind: SampleKind;
  format: 'ndjson' | 'json';
  out?: string;
  bytes?: number;
  /** Present with --json when no --out is given. */
  payloads?: SamplePayload[];
}

const KINDS: SampleKind[] = ['call', 'meeting', 'mixed'];
const MAX_COUNT = 1_000_000;

export const sampleCommand: CommandDef<SampleResult> = {
  name: 'sample',
  summary: 'Generate realistic, deterministic call payloads that are valid against the contract.',
  usage: 'sample --count <n> [--seed <s>] [--kind call|meeting|mixed] [--out <file>] [--format ndjson|json]',
  description: [
    'The same seed always gives the same payloads. Payloads carry international names (é, ß, 李), French,',
    'British, American and German phone formats, long summaries and many highlights; about one in fifty is a',
    'very large call (hundreds of highlights, tens of participants). Output is NDJSON (one payload per line) or,',
    'with --format json, a { "calls": [ … ] } document. Without --out it goes to standard output.'
  ].join('\n'),
  examples: [
    'modjo-sf sample --count 5 --seed demo',
    'modjo-sf sample --count 10000 --kind mixed --out calls.ndjson',
    'modjo-sf sample --count 3 --kind meeting --format json --out meetings.json'
  ],
  flags: [
    { name: 'count', type: 'string', short: 'n', placeholder: 'n', description: 'Number of payloads (1–1,000,000).' },
    { name: 'seed', type: 'string', short: 's', placeholder: 's', description: 'Seed text (default "modjo").' },
    { name: 'kind', type: 'string', placeholder: 'kind', description: 'call, meeting or mixed (default mixed).' },
    {
      name: 'out',
      type: 'string',
      short: 'o',
      placeholder: 'file',
      description: 'Write to this file instead of standard output.'
    },
    {
      name: 'format',
      type: 'string',
      placeholder: 'fmt',
      description: 'ndjson (default; .json --out files default to json) or json ({ "calls": [ … ] }).'
    }
  ],
  async run({ flags, json, io }) {
    if (stringFlag(flags, 'count') === undefined) throw new UsageError('--count is required');
    const count = intFlag(flags, 'count', 1, 1, MAX_COUNT);
    const seed = stringFlag(flags, 'seed') ?? 'modjo';
    const kind = (stringFlag(flags, 'kind') ?? 'mixed') as SampleKind;
    if (!KINDS.includes(kind)) throw new UsageError(`--kind must be one of ${KINDS.join(', ')}`);
    const out = stringFlag(flags, 'out');
    const formatFlag = stringFlag(flags, 'format');
    if (formatFlag !== undefined && formatFlag !== 'ndjson' && formatFlag !== 'json') {
      throw new UsageError('--format must be ndjson or json');
    }
    const format: 'ndjson' | 'json' =
      formatFlag ?? (out && path.extname(out).toLowerCase() === '.json' ? 'json' : 'ndjson');
    const options = { seed, kind };

    if (!out && json) {
      const payloads = Array.from({ length: count }, (_, i) => generatePayload(i, options));
      return { result: { count, seed, kind, format, payloads } };
    }

    let target = io.stdout;
    if (out) {
      let fd: number;
      try {
        fd = fs.openSync(path.resolve(io.cwd, out), 'w');
      } catch (error) {
        throw new CliError(`Cannot write ${out}: ${(error as Error).message}`, EXIT.FAILED, 'WriteError');
      }
      target = fs.createWriteStream('', { fd });
      target.on('error', () => undefined); // reported through the write callbacks
    }
    let bytes = 0;
    const emit = async (text: string): Promise<void> => {
      bytes += Buffer.byteLength(text);
      await write(target, text);
    };
    if (format === 'json') await emit('{ "calls": [\n');
    for (let i = 0; i < count; i++) {
      const line = JSON.stringify(generatePayload(i, options));
      await emit(format === 'json' ? `${line}${i < count - 1 ? ',' : ''}\n` : `${line}\n`);
    }
    if (format === 'json') await emit('] }\n');
    if (out) {
      await new Promise<void>((resolve, reject) => {
        (target as fs.WriteStream).end((error?: Error | null) => (error ? reject(error) : resolve()));
      });
    }
    const result: SampleResult = { count, seed, kind, format, ...(out ? { out, bytes } : {}) };
    return {
      result,
      human: out ? `Wrote ${count} ${kind} payload(s) (seed "${seed}", ${format}, ${bytes} bytes) to ${out}` : undefined
    };
  }
};
