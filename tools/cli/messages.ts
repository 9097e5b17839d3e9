/**
 * Help texts of the commands, shared by both entry points: `messages/modjo.<command>.md`, in the format of the
 * Salesforce CLI's message files (`# key` sections; a section of `- ` items is a list). `sf modjo …` reads them with
 * @salesforce/core's Messages; `modjo-sf` reads them here (on --help only), with `<%= config.bin %> <%= command.id %>`
 * spelled `modjo-sf <command>`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findProjectRoot } from './schema';

export interface CommandHelp {
  summary: string;
  description: string;
  /** Each example: its description line(s), then the command line. */
  examples: string[];
  /** Flag name → summary. */
  flags: Record<string, string>;
}

/** The file of a command's texts: messages/modjo.<command>.md under the project root. */
export function messagesFile(command: string): string {
  return path.join(findProjectRoot(), 'messages', `modjo.${command}.md`);
}

/** Sections of a message file: key → text, or the items of a list. */
export function readMessages(file: string): Map<string, string | string[]> {
  const sections = new Map<string, string | string[]>();
  for (const section of fs.readFileSync(file, 'utf8').split(/^# /m).slice(1)) {
    const [key, ...lines] = section.split('\n');
    const text = lines.join('\n').trim();
    const nonEmpty = lines.filter((line) => line.trim() !== '');
    const isList = nonEmpty.length > 0 && nonEmpty.every((line) => /^(- |\s)/.test(line));
    sections.set(key.trim(), isList ? listItems(text) : text);
  }
  return sections;
}

function listItems(text: string): string[] {
  return text
    .split(/^- /m)
    .filter((item) => item.trim() !== '')
    .map((item) =>
      item
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .join('\n')
    );
}

/** The help texts of a command, as modjo-sf shows them. */
export function commandHelpTexts(command: string): CommandHelp {
  const sections = readMessages(messagesFile(command));
  const text = (key: string): string => {
    const value = sections.get(key);
    return spell(Array.isArray(value) ? value.join('\n') : (value ?? ''), command);
  };
  const examples = sections.get('examples');
  const flags: Record<string, string> = {};
  for (const key of sections.keys()) {
    const flag = /^flags\.(.+)\.summary$/.exec(key);
    if (flag) flags[flag[1]] = text(key);
  }
  return {
    summary: text('summary'),
    description: text('description'),
    examples: (Array.isArray(examples) ? examples : []).map((e) => spell(e, command)),
    flags
  };
}

function spell(text: string, command: string): string {
  return text.replace(/<%= config\.bin %> <%= command\.id %>/g, `modjo-sf ${command}`);
}
