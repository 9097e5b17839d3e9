import { Args } from '@oclif/core';
import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { PUSH_LIMITS, pushCommand, type PushResult } from '../../../cli/commands/push.js';
import { runUnderSf } from '../../bridge.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('modjo-for-salesforce', 'modjo.push');

const integer = (name: keyof typeof PUSH_LIMITS, char?: 'b' | 'c' | 'r') =>
  Flags.integer({
    ...(char ? { char } : {}),
    summary: messages.getMessage(`flags.${name}.summary`),
    min: PUSH_LIMITS[name].min,
    max: PUSH_LIMITS[name].max
  });

export default class ModjoPush extends SfCommand<PushResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly strict = false;
  public static override readonly args = {
    inputs: Args.string({ description: messages.getMessage('args.inputs.description'), required: true })
  };

  public static override readonly flags = {
    'target-org': Flags.requiredOrg({ summary: messages.getMessage('flags.target-org.summary') }),
    'batch-size': integer('batch-size', 'b'),
    concurrency: integer('concurrency', 'c'),
    checkpoint: Flags.string({ summary: messages.getMessage('flags.checkpoint.summary') }),
    results: Flags.string({ char: 'r', summary: messages.getMessage('flags.results.summary') }),
    'max-attempts': integer('max-attempts'),
    timeout: integer('timeout')
  };

  public async run(): Promise<PushResult> {
    const { flags, argv } = await this.parse(ModjoPush);
    return runUnderSf(
      pushCommand,
      { flags, argv: argv as string[], json: this.jsonEnabled(), org: flags['target-org'] },
      { log: (text) => this.log(text), warn: (text) => this.warn(text) }
    );
  }
}
