import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { STATUS_TIMEOUT, statusCommand, type StatusResult } from '../../../cli/commands/status.js';
import { runUnderSf } from '../../bridge.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('modjo-for-salesforce', 'modjo.status');

export default class ModjoStatus extends SfCommand<StatusResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': Flags.requiredOrg({ summary: messages.getMessage('flags.target-org.summary') }),
    timeout: Flags.integer({
      summary: messages.getMessage('flags.timeout.summary'),
      min: STATUS_TIMEOUT.min,
      max: STATUS_TIMEOUT.max
    })
  };

  public async run(): Promise<StatusResult> {
    const { flags } = await this.parse(ModjoStatus);
    return runUnderSf(
      statusCommand,
      { flags, argv: [], json: this.jsonEnabled(), org: flags['target-org'] },
      { log: (text) => this.log(text), warn: (text) => this.warn(text) }
    );
  }
}
