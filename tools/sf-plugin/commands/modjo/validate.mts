import { Args } from '@oclif/core';
import { Messages } from '@salesforce/core';
import { SfCommand } from '@salesforce/sf-plugins-core';
import { validateCommand, type ValidateResult } from '../../../cli/commands/validate.js';
import { runUnderSf } from '../../bridge.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('modjo-for-salesforce', 'modjo.validate');

export default class ModjoValidate extends SfCommand<ValidateResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');
  public static override readonly strict = false;
  public static override readonly args = {
    inputs: Args.string({ description: messages.getMessage('args.inputs.description'), required: true })
  };

  public async run(): Promise<ValidateResult> {
    const { argv } = await this.parse(ModjoValidate);
    return runUnderSf(
      validateCommand,
      { flags: {}, argv: argv as string[], json: this.jsonEnabled() },
      { log: (text) => this.log(text), warn: (text) => this.warn(text) }
    );
  }
}
