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

export const SAMPLE_KINDS: SampleKind[] = ['call', 'meeting', 'mixed'];
export const SAMPLE_MAX_COUNT = 1_000_000;

export const sampleCommand: CommandDef<SampleResult> = {
  name: 'sample',
  usage: 'sample --count <n> [--seed <s>] [--kind call|meeting|mixed] [--out <file>] [--format ndjson|json]',
  flags: [
    { name: 'count', type: 'string', short: 'n', placeholder: 'n' },
    { name: 'seed', type: 'string', short: 's', placeholder: 's' },
    { name: 'kind', type: 'string', placeholder: 'kind' },
    {
      name: 'out',
      type: 'string',
      short: 'o',
      placeholder: 'file'
    },
    {
      name: 'format',
      type: 'string',
      placeholder: 'fmt'
    }
  ],
  async run({ flags, json, io }) {
    if (stringFlag(flags, 'count') === undefined) throw new UsageError('--count is required');
    const count = intFlag(flags, 'count', 1, 1, SAMPLE_MAX_COUNT);
    const seed = stringFlag(flags, 'seed') ?? 'modjo';
    const kind = (stringFlag(flags, 'kind') ?? 'mixed') as SampleKind;
    if (!SAMPLE_KINDS.includes(kind)) throw new UsageError(`--kind must be one of ${SAMPLE_KINDS.join(', ')}`);
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
