import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { SAMPLE_KINDS, SAMPLE_MAX_COUNT, sampleCommand, type SampleResult } from '../../../cli/commands/sample.js';
import { runUnderSf } from '../../bridge.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('modjo-for-salesforce', 'modjo.sample');

export default class ModjoSample extends SfCommand<SampleResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    count: Flags.integer({
      char: 'n',
      summary: messages.getMessage('flags.count.summary'),
      required: true,
      min: 1,
      max: SAMPLE_MAX_COUNT
    }),
    seed: Flags.string({ char: 's', summary: messages.getMessage('flags.seed.summary') }),
    kind: Flags.string({ summary: messages.getMessage('flags.kind.summary'), options: SAMPLE_KINDS }),
    out: Flags.string({ char: 'o', summary: messages.getMessage('flags.out.summary') }),
    format: Flags.string({ summary: messages.getMessage('flags.format.summary'), options: ['ndjson', 'json'] })
  };

  public async run(): Promise<SampleResult> {
    const { flags } = await this.parse(ModjoSample);
    return runUnderSf(
      sampleCommand,
      { flags, argv: [], json: this.jsonEnabled() },
      { log: (text) => this.log(text), warn: (text) => this.warn(text) }
    );
  }
}
