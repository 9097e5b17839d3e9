import { Args } from '@oclif/core';
import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { MATCH_TIMEOUT, matchCommand, type MatchResult } from '../../../cli/commands/match.js';
import { runUnderSf } from '../../bridge.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('modjo-for-salesforce', 'modjo.match');

export default class ModjoMatch extends SfCommand<MatchResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly strict = false;
  public static override readonly args = {
    inputs: Args.string({ description: messages.getMessage('args.inputs.description'), required: true })
  };

  public static override readonly flags = {
    'target-org': Flags.requiredOrg({ summary: messages.getMessage('flags.target-org.summary') }),
    timeout: Flags.integer({
      summary: messages.getMessage('flags.timeout.summary'),
      min: MATCH_TIMEOUT.min,
      max: MATCH_TIMEOUT.max
    })
  };

  public async run(): Promise<MatchResult> {
    const { flags, argv } = await this.parse(ModjoMatch);
    return runUnderSf(
      matchCommand,
      { flags, argv: argv as string[], json: this.jsonEnabled(), org: flags['target-org'] },
      { log: (text) => this.log(text), warn: (text) => this.warn(text) }
    );
  }
}
