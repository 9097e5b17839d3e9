/**
 * House rule 5 of `analyze:apex` (called by house-rules.ts): the query-row budget. Salesforce ends a transaction
 * that reads more than 50,000 query rows with an exception no code can catch (Apex Developer Guide, "Execution
 * Governors and Limits"), so every SOQL query in the folders that serve an ingestion request — `matching/`,
 * `activities/`, `selectors/` — takes its LIMIT from the transaction's QueryRowBudget (`limitFor`), which leaves a
 * reserve and lets a cut read be caught and queued (docs/ingestion.md, "Query rows"). A query whose rows are bounded
 * otherwise (by explicit ids of the batch, one custom metadata record, a screen of the cards that never runs in an
 * ingestion request) says why under a `query-rows:` comment in the 4 lines above its statement or inside it.
 *
 * A LIMIT comes from the budget when it binds (`LIMIT :name`) a variable assigned from an expression that calls
 * `limitFor(`, or a `queryWithBinds` key mapped to one (`'maxRows' => maxRows`), or calls `limitFor(` itself.
 * A granted LIMIT must also reach a `.read(` call of the budget (the LIMIT variable among its arguments): a read the
 * budget cut comes back short without an error, and only `read` tells it from a complete one (QueryRowBudget.read),
 * so a granted query without it would let the matcher act on partial candidates.
 *
 * A grant is never floored (`Math.max(1, budget.limitFor(n) / perRow)`): when fewer rows are left than the floor
 * stands for (one parent row with its subquery rows), the LIMIT the floor gives reads past the budget. The smallest
 * read is required first (`budget.require(perRow)`), and the grant is used as it is.
 */

export interface QueryRowsProblem {
  line: number;
  message: string;
}

/** The folders whose queries run inside an ingestion request (and so share its query rows). */
const BUDGETED_FOLDER = /[\\/]classes[\\/](matching|activities|selectors)[\\/]/;
/** How many lines above a query's statement its justification may start. */
const WINDOW = 4;
const QUERY_START = /\[\s*SELECT\b|'\s*SELECT\b/gi;
const BOUND_LIMIT = /\bLIMIT\s*:\s*([A-Za-z_][\w.]*(?:\s*\(\s*\))?)/gi;
const GRANT_ASSIGNMENT = /\b([A-Za-z_]\w*)\s*=\s*[^;=]*?\blimitFor\s*\(/g;
const BIND_ENTRY = /'(\w+)'\s*=>\s*([A-Za-z_][\w.]*(?:\s*\([^)]*\))?)/g;
const JUSTIFIED = /query-rows:/i;
/** `Math.max(` whose arguments (up to the statement's end) call `limitFor(`: a floor raised over the grant. */
const FLOORED_GRANT = /\bMath\.max\s*\([^;{}]*?\blimitFor\s*\(/gi;
const FLOORED =
  'LIMIT floored above what the query-row budget granted (Math.max around limitFor): with fewer rows left than the floor stands for, the read passes the budget; require the smallest read first (budget.require) and use the grant as it is';
const UNREPORTED =
  'query whose LIMIT is granted by the query-row budget but whose rows never reach budget.read(rows, granted, wanted): a read the budget cut comes back short without an error, and the matcher would act on partial candidates; pass the result and the granted LIMIT to read';

/** Whether the rule applies to this file. */
export function underQueryRowBudget(file: string): boolean {
  return BUDGETED_FOLDER.test(file);
}

/** The names (variables and bind keys) that hold a LIMIT granted by the budget. */
function grantedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(GRANT_ASSIGNMENT)) {
    names.add(match[1].toLowerCase());
  }
  for (const match of text.matchAll(BIND_ENTRY)) {
    const value = match[2];
    if (/\blimitFor\s*\(/.test(value) || names.has(value.toLowerCase())) {
      names.add(match[1].toLowerCase());
    }
  }
  return names;
}

/** The variable a bound LIMIT name stands for: the value of its bind key (`'maxRows' => n` gives n), else itself. */
function boundVariables(text: string): Map<string, string> {
  const variables = new Map<string, string>();
  for (const match of text.matchAll(BIND_ENTRY)) {
    variables.set(match[1].toLowerCase(), match[2].toLowerCase());
  }
  return variables;
}

/** The lower-cased identifiers in the argument lists of the file's `.read(` calls (balanced parentheses). */
function readArguments(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/\.read\s*\(/g)) {
    let depth = 0;
    let i = (match.index ?? 0) + match[0].length - 1;
    const start = i;
    for (; i < text.length; i += 1) {
      if (text[i] === '(') {
        depth += 1;
      } else if (text[i] === ')') {
        depth -= 1;
      }
      if (depth === 0) {
        break;
      }
    }
    for (const id of text.slice(start, i).matchAll(/[A-Za-z_]\w*/g)) {
      names.add(id[0].toLowerCase());
    }
  }
  return names;
}

/** Index of the statement start before `index` in code (after the last `;`, `{` or `}`). */
function statementStart(code: string, index: number): number {
  for (let i = index - 1; i >= 0; i -= 1) {
    if (code[i] === ';' || code[i] === '{' || code[i] === '}') {
      return i + 1;
    }
  }
  return 0;
}

/** Index where the query's part of its statement ends: the next query, `;` or `{` (a for-loop body). */
function segmentEnd(code: string, from: number, nextQuery: number): number {
  const semicolon = code.indexOf(';', from);
  const brace = code.indexOf('{', from);
  const ends = [semicolon, brace, nextQuery].filter((i) => i > from);
  return ends.length ? Math.min(...ends) : code.length;
}

const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length - 1;

/**
 * Checks the queries of one production Apex file.
 * @param text the source with comments blanked and strings kept (a dynamic query is a string)
 * @param code the source with comments and strings blanked (statement boundaries)
 * @param commentLines the comments alone, by line
 */
export function queriesOutsideTheBudget(text: string, code: string, commentLines: string[]): QueryRowsProblem[] {
  const granted = grantedNames(text);
  const variables = boundVariables(text);
  const reported = readArguments(text);
  const starts = [...text.matchAll(QUERY_START)].map((m) => m.index ?? 0);
  const problems: QueryRowsProblem[] = [];
  for (const match of text.matchAll(FLOORED_GRANT)) {
    problems.push({ line: lineOf(text, match.index ?? 0) + 1, message: FLOORED });
  }
  starts.forEach((start, i) => {
    const end = segmentEnd(code, start + 1, starts[i + 1] ?? -1);
    const segment = text.slice(start, end);
    const bound = [...segment.matchAll(BOUND_LIMIT)].map((m) => m[1].replace(/\s+/g, '').toLowerCase());
    const grantedBound = bound.filter((name) => granted.has(name));
    if (grantedBound.length > 0) {
      if (!grantedBound.some((name) => reported.has(variables.get(name) ?? name))) {
        problems.push({ line: lineOf(text, start) + 1, message: UNREPORTED });
      }
      return;
    }
    if (/\blimitFor\s*\(/.test(segment)) {
      return;
    }
    const first = lineOf(text, statementStart(code, start));
    const window = commentLines.slice(Math.max(0, first - WINDOW), lineOf(text, end) + 1);
    if (window.some((c) => JUSTIFIED.test(c))) {
      return;
    }
    problems.push({
      line: lineOf(text, start) + 1,
      message:
        'query whose LIMIT is not granted by the query-row budget (QueryRowBudget.current().limitFor): past 50,000 query rows the transaction ends uncatchably; ask the budget for the LIMIT, or say why the rows are bounded under a "query-rows:" comment'
    });
  });
  return problems.sort((a, b) => a.line - b.line);
}
