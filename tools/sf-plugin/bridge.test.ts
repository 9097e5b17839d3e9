import * as path from 'node:path';
import { Messages, SfError } from '@salesforce/core';
import { CliError, EXIT, commandHelp, type CommandDef } from '../cli/cli-kit';
import { COMMANDS } from '../cli/main';
import { commandHelpTexts, messagesFile, readMessages } from '../cli/messages';
import { REPO_ROOT } from '../cli/testing/harness';
import { settle, toFlagValues, toSfError } from './bridge';

describe('sf modjo bridge: oclif values in, SfCommand results and errors out', () => {
  it('passes strings, booleans and lists; numbers as text; leaves the resolved org out', () => {
    const org = { getConnection: () => undefined };
    expect(toFlagValues({ count: 5, seed: 'x', json: true, kinds: ['a'], 'target-org': org, out: undefined })).toEqual({
      count: '5',
      seed: 'x',
      json: true,
      kinds: ['a']
    });
  });

  it('hands over the result, with warnings and the human report on their channels', () => {
    const log: string[] = [];
    const warn: string[] = [];
    const result = settle(
      { result: { valid: 2 }, warnings: ['w1', 'w2'], human: 'report\n' },
      { log: (t) => log.push(t), warn: (t) => warn.push(t) }
    );
    expect(result).toEqual({ valid: 2 });
    expect(log).toEqual(['report']);
    expect(warn).toEqual(['w1', 'w2']);
  });

  it('turns a failed outcome into an SfError with its exit code, name and result as data', () => {
    const failing = () =>
      settle(
        { result: { invalid: 1 }, exitCode: EXIT.INTERRUPTED, failure: { name: 'Interrupted', message: 'stopped' } },
        { log: () => undefined, warn: () => undefined }
      );
    expect(failing).toThrow(SfError);
    expect(failing).toThrow(
      expect.objectContaining({ name: 'Interrupted', message: 'stopped', exitCode: 130, data: { invalid: 1 } })
    );
  });

  it('keeps the name, exit code and details of the shared errors', () => {
    const usage = toSfError(new CliError('bad flag', EXIT.USAGE, 'UsageError'));
    expect(usage).toMatchObject({ name: 'UsageError', message: 'bad flag', exitCode: 2 });
    const invalid = toSfError(new CliError('nothing sent', EXIT.FAILED, 'InvalidPayloads', { errors: [1] }));
    expect(invalid).toMatchObject({ name: 'InvalidPayloads', exitCode: 1, data: { errors: [1] } });
    expect(toSfError(new TypeError('boom'))).toMatchObject({ name: 'UnexpectedError', message: 'boom', exitCode: 1 });
    const sfError = new SfError('as is', 'Kept');
    expect(toSfError(sfError)).toBe(sfError);
  });
});

describe('help texts: messages/modjo.<command>.md, one source for both entry points', () => {
  Messages.importMessagesDirectory(path.join(REPO_ROOT, 'tools', 'sf-plugin'));

  it.each(COMMANDS.map((c) => [c.name, c] as [string, CommandDef]))(
    '%s: summary, description, examples, every flag',
    (name, command) => {
      const texts = commandHelpTexts(name);
      expect(texts.summary).not.toBe('');
      expect(texts.description).not.toBe('');
      expect(texts.examples.length).toBeGreaterThanOrEqual(2);
      const undocumented = command.flags.filter((f) => !f.hidden && !texts.flags[f.name]).map((f) => f.name);
      expect(undocumented).toEqual([]);
      // modjo-sf spells the example commands out; sf fills in its own bin and command id.
      expect(texts.examples.every((e) => e.includes(`modjo-sf ${name}`) || e.includes('modjo-sf sample'))).toBe(true);
      expect(commandHelp(command)).toContain(texts.summary);
    }
  );

  it.each(COMMANDS.map((c) => c.name))('%s: read the same by @salesforce/core (sf) and by modjo-sf', (name) => {
    const core = Messages.loadMessages('modjo-for-salesforce', `modjo.${name}`);
    const ours = readMessages(messagesFile(name));
    const asCoreReadsThem = [...ours].map(([key, value]) => [
      key,
      Array.isArray(value) ? core.getMessages(key) : core.getMessage(key)
    ]);
    expect(asCoreReadsThem).toEqual([...ours]);
  });
});
