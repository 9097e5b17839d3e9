import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findProjectRoot, SCHEMA_RELATIVE_PATH } from './schema';
import { messagesFile } from './messages';

describe('findProjectRoot', () => {
  it('skips the compiled CLI folder, which holds a copy of the schema but no package.json', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'modjo-root-'));
    try {
      const compiled = path.join(root, 'dist', 'cli');
      for (const dir of [root, compiled]) {
        fs.mkdirSync(path.join(dir, path.dirname(SCHEMA_RELATIVE_PATH)), { recursive: true });
        fs.writeFileSync(path.join(dir, SCHEMA_RELATIVE_PATH), '{}');
      }
      fs.writeFileSync(path.join(root, 'package.json'), '{}');
      const commands = path.join(compiled, 'tools', 'cli');
      fs.mkdirSync(commands, { recursive: true });
      expect(findProjectRoot(commands)).toBe(root);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('finds the help texts of every command from the sources', () => {
    for (const command of ['sample', 'validate', 'push', 'status']) {
      expect(fs.existsSync(messagesFile(command))).toBe(true);
    }
  });
});
