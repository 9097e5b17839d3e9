/**
 * The package's own Apex rules that neither apex-ls nor PMD enforce (part of the `analyze:apex` gate):
 * 1. Production code never branches on `Test.isRunningTest()` (no test hooks in shipped code).
 * 2. Every system-mode access in production code (`AccessLevel.SYSTEM_MODE`, `WITH SYSTEM_MODE`, a
 *    `without sharing` class) is justified by a comment that says "system mode" (or "without sharing") on the
 *    same line, inside the statement, or in the comment lines just above the statement.
 * 3. A class that updates existing records (`newSObject(<id>)`) writes the fields people edit on Tasks, Events and
 *    notes (`put('Subject' | 'WhoId' | 'WhatId' | 'Title' | 'Content', …)`) only under a `keeps-user-edits:` comment
 *    (same window as rule 2) saying how a person's change survives the next sync.
 * 4. A query of Task or Event (static or in a dynamic string) reads archived activities too (`ALL ROWS`): Salesforce
 *    archives Events and closed Tasks dated over 365 days ago and "in the API, archived activities can only be queried
 *    via queryAll()" (SOAP API Developer Guide, "Archived Activities"); a query without it misses an old call's
 *    activity (a second one is created on a re-sync; an erasure or purge leaves the Modjo block). A query that means to
 *    leave archived rows out says so under an `archived-excluded:` comment (same window as rule 2).
 * 5. A SOQL query in `matching/`, `activities/` or `selectors/` takes its LIMIT from the transaction's query-row
 *    budget (QueryRowBudget) and hands its rows to the budget's cut check (`read`), or says why its rows are bounded
 *    under a `query-rows:` comment (apex/query-rows-rule.ts).
 * Test classes (`@IsTest`) are exempt from all five.
 */
import fs from 'node:fs';
import path from 'node:path';
import { queriesOutsideTheBudget, underQueryRowBudget } from './query-rows-rule';

export interface RuleProblem {
  file: string;
  line: number;
  message: string;
}

/** How many lines above a system-mode access its justification may start. */
const JUSTIFICATION_WINDOW = 4;

const IS_TEST_CLASS = /@istest\b[^{]*?\bclass\b/i;
const RUNNING_TEST = /\bTest\s*\.\s*isRunningTest\s*\(/i;
const SYSTEM_MODE = /\bSYSTEM_MODE\b|\bwithout\s+sharing\b/i;
const JUSTIFIED = /system mode|without sharing/i;
const UPDATES_EXISTING = /\bnewSObject\s*\(\s*[^)\s]/;
const USER_EDITED_PUT = /\.\s*put\s*\(\s*'(Subject|WhoId|WhatId|Title|Content)'/i;
const KEEPS_USER_EDITS = /keeps-user-edits:/i;
const ACTIVITY_QUERY = /\bFROM\s+(Task|Event)\b/gi;
const ALL_ROWS = /\bALL\s+ROWS\b/i;
const ARCHIVED_EXCLUDED = /archived-excluded:/i;

const COMMENT_OR_STRING = /\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'/g;
const blank = (text: string): string => text.replace(/[^\n]/g, ' ');

/** The source split in two of the same shape: its code (comments and strings blanked) and its comments alone. */
function split(source: string): { code: string; comments: string } {
  let code = '';
  let comments = '';
  let last = 0;
  for (const match of source.matchAll(COMMENT_OR_STRING)) {
    const start = match.index ?? 0;
    const between = source.slice(last, start);
    code += between + blank(match[0]);
    comments += blank(between) + (match[0].startsWith("'") ? blank(match[0]) : match[0]);
    last = start + match[0].length;
  }
  code += source.slice(last);
  comments += blank(source.slice(last));
  return { code, comments };
}

/**
 * The line where the statement holding line `index` starts: after the last `;`, `{` or `}` above it (a
 * `WITH SYSTEM_MODE` clause sits deep inside a multi-line query whose justification precedes the query).
 */
function statementStartLine(codeLines: string[], index: number): number {
  for (let i = index; i >= 0; i -= 1) {
    const text = i === index ? codeLines[i].slice(0, codeLines[i].search(SYSTEM_MODE)) : codeLines[i];
    if (/[;{}]\s*$/.test(text) || (i < index && /[;{}]/.test(text))) {
      return i < index ? i + 1 : i;
    }
  }
  return 0;
}

/** The source with its comments blanked and its strings kept (a dynamic query is a string). */
function withoutComments(source: string): string {
  return source.replace(COMMENT_OR_STRING, (match) => (match.startsWith("'") ? match : blank(match)));
}

/** Rule 4: every query of Task or Event, up to the end of its statement, says ALL ROWS (or is marked). */
function activityQueriesWithoutAllRows(file: string, source: string, commentLines: string[]): RuleProblem[] {
  const text = withoutComments(source);
  const problems: RuleProblem[] = [];
  for (const match of text.matchAll(ACTIVITY_QUERY)) {
    const start = match.index ?? 0;
    const end = text.indexOf(';', start);
    const line = text.slice(0, start).split('\n').length - 1;
    const window = commentLines.slice(Math.max(0, line - JUSTIFICATION_WINDOW), line + 1);
    if (ALL_ROWS.test(text.slice(start, end < 0 ? undefined : end)) || window.some((c) => ARCHIVED_EXCLUDED.test(c))) {
      continue;
    }
    problems.push({
      file,
      line: line + 1,
      message: `${match[1]} queried without ALL ROWS: archived activities (over 365 days) are left out; add ALL ROWS (with IsDeleted = false) or say why under an "archived-excluded:" comment`
    });
  }
  return problems;
}

/** True when the class (the first type declared in the file) is a test class. */
function isTestClass(code: string): boolean {
  const firstClass = code.search(/\bclass\b/i);
  return firstClass >= 0 && IS_TEST_CLASS.test(code.slice(0, firstClass + 'class'.length));
}

/** Checks one Apex source file. */
export function checkHouseRules(file: string, source: string): RuleProblem[] {
  const { code, comments } = split(source);
  if (isTestClass(code)) {
    return [];
  }
  const commentLines = comments.split('\n');
  const codeLines = code.split('\n');
  const problems: RuleProblem[] = [];
  const updatesExisting = UPDATES_EXISTING.test(code);
  const sourceLines = source.split('\n');
  codeLines.forEach((line, index) => {
    // Strings are blanked in `code`: the field name is read from the source line of a put call in code.
    const put = updatesExisting && /\.\s*put\s*\(/.test(line) ? USER_EDITED_PUT.exec(sourceLines[index] ?? '') : null;
    if (put) {
      const first = Math.max(0, index - JUSTIFICATION_WINDOW);
      if (!commentLines.slice(first, index + 1).some((text) => KEEPS_USER_EDITS.test(text))) {
        problems.push({
          file,
          line: index + 1,
          message: `${put[1]} written on a record that may already exist without a "keeps-user-edits:" comment in the ${JUSTIFICATION_WINDOW} lines above: say how a person's edit survives the next sync`
        });
      }
    }
    if (RUNNING_TEST.test(line)) {
      problems.push({
        file,
        line: index + 1,
        message: 'Test.isRunningTest() in production code: no test hooks in shipped code'
      });
    }
    if (SYSTEM_MODE.test(line)) {
      const first = statementStartLine(codeLines, index);
      const window = commentLines.slice(Math.max(0, first - JUSTIFICATION_WINDOW), index + 1);
      if (!window.some((text) => JUSTIFIED.test(text))) {
        problems.push({
          file,
          line: index + 1,
          message: `system-mode access without a comment saying why ("System mode: …") in its statement or the ${JUSTIFICATION_WINDOW} lines above it`
        });
      }
    }
  });
  problems.push(...activityQueriesWithoutAllRows(file, source, commentLines));
  if (underQueryRowBudget(file)) {
    const found = queriesOutsideTheBudget(withoutComments(source), code, commentLines);
    problems.push(...found.map((p) => ({ file, ...p })));
  }
  return problems;
}

/** Checks every `.cls` under a folder. */
export function checkHouseRulesIn(dir: string): { files: number; problems: RuleProblem[] } {
  let files = 0;
  const problems: RuleProblem[] = [];
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.name.endsWith('.cls')) {
        files += 1;
        problems.push(...checkHouseRules(full, fs.readFileSync(full, 'utf8')));
      }
    }
  };
  if (fs.existsSync(dir)) {
    walk(dir);
  }
  return { files, problems };
}
