/**
 * A small reader of POSIX/bash scripts, enough to find the simple commands of a script and their words the way the
 * shell splits them: quotes ('…', "…", \x), comments, line continuations, here-documents (skipped), redirections
 * (dropped with their target), `;` `&&` `||` `|` `&` `(` `)` and newlines between commands, command substitutions
 * `$(…)` and backquotes (read as scripts of their own), and array assignments `name=(…)` / `name+=(…)` (kept so that a
 * later `"${name[@]}"` can be expanded). A word holding an expansion (`$x`, `${x}`, `$(…)`, `${{ … }}`) is marked
 * dynamic: its value is only known when the script runs. Not a full shell: no aliases, functions or evaluation.
 */

export interface Word {
  /** The word with its quotes removed; expansions are kept as written (`$alias_name`). */
  text: string;
  /** True when the word contains an expansion. */
  dynamic: boolean;
  /** Set when the whole word is `"${name[@]}"`: the elements of array `name`. */
  arrayRef?: string;
}

export interface SimpleCommand {
  words: Word[];
  /** 1-based line of the command's first word. */
  line: number;
}

export interface ParsedScript {
  commands: SimpleCommand[];
  /** Every element assigned to each array anywhere in the script, in order (`a=(x y)`, `a+=(z)` → x y z). */
  arrays: Map<string, Word[]>;
}

const OPERATOR_CHARS = new Set([';', '&', '|', '(', ')', '<', '>']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;

class Reader {
  private i = 0;
  private line: number;
  private words: Word[] = [];
  private commandLine = 0;
  private word: Word | null = null;
  private skipNextWord = false;
  private pendingHeredocs: { delimiter: string; stripTabs: boolean }[] = [];
  private arrayTarget: string | null = null;
  readonly commands: SimpleCommand[] = [];
  readonly arrays = new Map<string, Word[]>();

  constructor(
    private readonly src: string,
    firstLine: number
  ) {
    this.line = firstLine;
  }

  run(): ParsedScript {
    while (this.i < this.src.length) this.step();
    this.endCommand();
    return { commands: this.commands, arrays: this.arrays };
  }

  private step(): void {
    const c = this.src[this.i];
    if (c === '\\' && this.src[this.i + 1] === '\n') {
      this.i += 2;
      this.line++;
    } else if (c === '\n') {
      this.i++;
      this.endCommand();
      this.line++;
      this.skipHeredocs();
    } else if (c === ' ' || c === '\t' || c === '\r') {
      this.i++;
      this.endWord();
    } else if (c === '#' && this.word === null) {
      while (this.i < this.src.length && this.src[this.i] !== '\n') this.i++;
    } else if (OPERATOR_CHARS.has(c)) {
      this.operator();
    } else {
      this.wordPart();
    }
  }

  private current(): Word {
    if (this.word === null) {
      this.word = { text: '', dynamic: false };
      if (this.words.length === 0 && this.arrayTarget === null) this.commandLine = this.line;
    }
    return this.word;
  }

  private endWord(): void {
    const word = this.word;
    this.word = null;
    if (word === null) return;
    if (this.skipNextWord) {
      this.skipNextWord = false;
      return;
    }
    if (this.arrayTarget !== null) {
      this.arrays.get(this.arrayTarget)?.push(word);
      return;
    }
    this.words.push(word);
  }

  private endCommand(): void {
    this.endWord();
    if (this.arrayTarget !== null) return;
    if (this.words.length > 0) this.commands.push({ words: this.words, line: this.commandLine });
    this.words = [];
  }

  private operator(): void {
    const c = this.src[this.i];
    if (c === '(' && this.word !== null && /^[A-Za-z_][A-Za-z0-9_]*\+?=$/.test(this.word.text)) {
      // Array assignment: name=( … ) or name+=( … ).
      const name = this.word.text.replace(/\+?=$/, '');
      const append = this.word.text.endsWith('+=');
      if (!append || !this.arrays.has(name)) this.arrays.set(name, append ? [] : (this.arrays.get(name) ?? []));
      this.word = null;
      this.arrayTarget = name;
      this.i++;
      return;
    }
    if (c === ')' && this.arrayTarget !== null) {
      this.endWord();
      this.arrayTarget = null;
      this.i++;
      return;
    }
    if (c === '<' || c === '>') {
      this.redirection();
      return;
    }
    if (c === '&' && this.src[this.i + 1] === '>') {
      this.redirection();
      return;
    }
    // ; ;; & && | || |& ( ): a command ends here.
    this.endCommand();
    this.i += (/^(;;|&&|\|\||\|&|[;&|()])/.exec(this.src.slice(this.i))?.[0] ?? c).length;
  }

  private redirection(): void {
    // A file descriptor number right before the operator (2>, 1>&2) belongs to it.
    if (this.word !== null && /^\d+$/.test(this.word.text) && !this.word.dynamic) this.word = null;
    else this.endWord();
    const rest = this.src.slice(this.i);
    const heredoc = /^<<(-?)[ \t]*(['"]?)([A-Za-z_][\w-]*)\2/.exec(rest);
    if (heredoc && !rest.startsWith('<<<')) {
      this.pendingHeredocs.push({ delimiter: heredoc[3], stripTabs: heredoc[1] === '-' });
      this.i += heredoc[0].length;
      return;
    }
    const op = /^(&>>?|<<<|<>|>>|>&|<&|>\||>|<)/.exec(rest)?.[0] ?? rest[0];
    this.i += op.length;
    // ">&2", "2>&1": the target is part of the operator.
    const fd = /^\d+-?|^-/.exec(this.src.slice(this.i));
    if ((op === '>&' || op === '<&') && fd) {
      this.i += fd[0].length;
      return;
    }
    this.skipNextWord = true;
  }

  private skipHeredocs(): void {
    while (this.pendingHeredocs.length > 0) {
      const { delimiter, stripTabs } = this.pendingHeredocs.shift() as { delimiter: string; stripTabs: boolean };
      while (this.i < this.src.length) {
        const end = this.src.indexOf('\n', this.i);
        const lineText = this.src.slice(this.i, end === -1 ? this.src.length : end);
        this.i = end === -1 ? this.src.length : end + 1;
        this.line++;
        if ((stripTabs ? lineText.replace(/^\t+/, '') : lineText).trim() === delimiter) break;
      }
    }
  }

  private wordPart(): void {
    const c = this.src[this.i];
    const word = this.current();
    if (c === "'") {
      const end = this.src.indexOf("'", this.i + 1);
      const stop = end === -1 ? this.src.length : end;
      word.text += this.count(this.src.slice(this.i + 1, stop));
      this.i = stop + 1;
    } else if (c === '"') {
      this.doubleQuoted(word);
    } else if (c === '\\') {
      word.text += this.src[this.i + 1] ?? '';
      this.i += 2;
    } else if (c === '$' || c === '`') {
      this.expansion(word);
    } else {
      word.text += c;
      this.i++;
    }
  }

  private doubleQuoted(word: Word): void {
    this.i++;
    const start = this.word === word && word.text === '' ? this.i : -1;
    while (this.i < this.src.length && this.src[this.i] !== '"') {
      const c = this.src[this.i];
      if (c === '\\' && '"\\$`\n'.includes(this.src[this.i + 1] ?? '')) {
        if (this.src[this.i + 1] === '\n') this.line++;
        else word.text += this.src[this.i + 1];
        this.i += 2;
      } else if (c === '$' || c === '`') {
        this.expansion(word);
      } else {
        if (c === '\n') this.line++;
        word.text += c;
        this.i++;
      }
    }
    const array = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\[@\]\}$/.exec(word.text);
    const next = this.src[this.i + 1];
    if (start !== -1 && array && (next === undefined || /[\s;&|)<>]/.test(next))) word.arrayRef = array[1];
    this.i++;
  }

  /** Reads `$name`, `${…}`, `$(…)`, `$((…))`, `` `…` ``; command substitutions are read as scripts of their own. */
  private expansion(word: Word): void {
    const rest = this.src.slice(this.i);
    if (rest.startsWith('$((')) {
      const end = this.matching(this.i + 1, '(', ')');
      word.text += this.count(this.src.slice(this.i, end + 1));
      word.dynamic = true;
      this.i = end + 1;
    } else if (rest.startsWith('$(') || rest.startsWith('`')) {
      const backquote = rest.startsWith('`');
      const open = backquote ? this.i : this.i + 1;
      const end = backquote ? this.src.indexOf('`', this.i + 1) : this.matching(open, '(', ')');
      const stop = end === -1 ? this.src.length : end;
      const inner = this.src.slice(open + 1, stop);
      const nested = new Reader(inner, this.line).run();
      this.commands.push(...nested.commands);
      for (const [name, words] of nested.arrays) this.arrays.set(name, words);
      word.text += this.count(this.src.slice(this.i, stop + 1));
      word.dynamic = true;
      this.i = stop + 1;
    } else if (rest.startsWith('${')) {
      const end = this.matching(this.i + 1, '{', '}');
      word.text += this.count(this.src.slice(this.i, end + 1));
      word.dynamic = true;
      this.i = end + 1;
    } else {
      const name = /^\$([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(rest);
      if (name) {
        word.text += name[0];
        word.dynamic = true;
        this.i += name[0].length;
      } else {
        word.text += '$';
        this.i++;
      }
    }
  }

  /** Index of the bracket closing the one at `open`, skipping quoted text; the end of input when unbalanced. */
  private matching(open: number, left: string, right: string): number {
    let depth = 0;
    for (let j = open; j < this.src.length; j++) {
      const c = this.src[j];
      if (c === '\\') j++;
      else if (c === "'" && left === '(') j = Math.max(j, this.src.indexOf("'", j + 1));
      else if (c === left) depth++;
      else if (c === right && --depth === 0) return j;
    }
    return this.src.length;
  }

  private count(text: string): string {
    for (const ch of text) if (ch === '\n') this.line++;
    return text;
  }
}

/** The simple commands of a script and its array assignments. `firstLine` numbers the script's first line. */
export function parseShell(script: string, firstLine = 1): ParsedScript {
  return new Reader(script, firstLine).run();
}

const PREFIX_KEYWORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'do',
  'while',
  'until',
  '!',
  '{',
  'time',
  'exec',
  'command'
]);

/** The words of a simple command from its command name on: leading keywords and variable assignments skipped. */
export function commandWords(words: Word[]): Word[] {
  let start = 0;
  while (
    start < words.length &&
    !words[start].dynamic &&
    (PREFIX_KEYWORDS.has(words[start].text) || ASSIGNMENT.test(words[start].text))
  ) {
    start++;
  }
  while (start < words.length && ASSIGNMENT.test(words[start].text)) start++;
  return words.slice(start);
}
