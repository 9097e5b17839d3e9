import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { buildLwc, compileBundles, transpileLwc } from '../../scripts/build-lwc';
import { typecheckLwc, typecheckProject } from '../../scripts/typecheck';
import { checkLwcPaths } from '../../scripts/lwc-paths';
import { FIXTURES, cleanup, lwcCopy, tempDir } from './helpers';

jest.setTimeout(120_000);
afterAll(cleanup);

describe('typecheck gate (LWC)', () => {
  it('passes a correct component that uses the platform modules (Apex, labels, navigation, toast, i18n)', () => {
    const result = typecheckLwc(path.join(FIXTURES, 'lwc', 'good'));
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('fails on a type error in a component, naming the file, line and TS code', () => {
    const result = typecheckLwc(path.join(FIXTURES, 'lwc', 'type-error'));
    expect(result.ok).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/type-error\/sampleCard\/sampleCard\.ts:36:\d+: TS2345 Argument of type 'string'/);
  });

  it('checks our own declaration files although the tsconfig skips library checks', () => {
    const dir = tempDir('dts');
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, types: [] },
        include: ['*.ts']
      })
    );
    fs.writeFileSync(
      path.join(dir, 'platform.d.ts'),
      "declare module 'x' {\n  const a: NotAType;\n  export default a;\n}\n"
    );
    const { errors } = typecheckProject(path.join(dir, 'tsconfig.json'));
    expect(errors).toEqual([expect.stringMatching(/platform\.d\.ts:2:12: TS2304 Cannot find name 'NotAType'/)]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails when a bundle has no c/<name> mapping in the LWC tsconfig', () => {
    const dir = lwcCopy('good');
    fs.cpSync(path.join(dir, 'sampleFormat'), path.join(dir, 'otherFormat'), { recursive: true });
    fs.renameSync(path.join(dir, 'otherFormat', 'sampleFormat.ts'), path.join(dir, 'otherFormat', 'otherFormat.ts'));
    fs.renameSync(
      path.join(dir, 'otherFormat', 'sampleFormat.js-meta.xml'),
      path.join(dir, 'otherFormat', 'otherFormat.js-meta.xml')
    );
    expect(checkLwcPaths(dir)).toEqual(['missing or wrong mapping "c/otherFormat": ["./otherFormat/otherFormat.ts"]']);
  });
});

describe('build:lwc gate', () => {
  it('transpiles every bundle, compiles it with the platform compiler and reports its size', async () => {
    const dir = lwcCopy('good');
    const report = path.join(dir, 'sizes.json');
    const result = await buildLwc(dir, report);
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    const generated = fs.readFileSync(path.join(dir, 'sampleCard', 'sampleCard.js'), 'utf8');
    expect(generated).toContain('@api');
    expect(generated).toContain('@wire(getSample');
    // A field declared without initialiser stays a class field (reactive in LWC).
    expect(generated).toMatch(/^\s+sample;$/m);
    const sizes = JSON.parse(fs.readFileSync(report, 'utf8')) as { bundles: { name: string; bytes: number }[] };
    expect(sizes.bundles.map((b) => b.name)).toEqual(['sampleCard', 'sampleFormat']);
    expect(sizes.bundles[0].bytes).toBeGreaterThan(1000);
  });

  it('removes a generated .js whose .ts source is gone', async () => {
    const dir = lwcCopy('good');
    const stale = path.join(dir, 'sampleCard', 'oldHelper.js');
    fs.writeFileSync(stale, 'export const old = 1;\n');
    expect(await transpileLwc(dir)).toEqual([]);
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(path.join(dir, 'sampleCard', 'sampleCard.js'))).toBe(true);
  });

  it('fails when the emitted JavaScript lost its decorators (tsc with experimentalDecorators)', async () => {
    const dir = lwcCopy('good');
    expect(await transpileLwc(dir)).toEqual([]);
    const source = path.join(dir, 'sampleCard', 'sampleCard.ts');
    const lowered = ts.transpileModule(fs.readFileSync(source, 'utf8'), {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, experimentalDecorators: true }
    }).outputText;
    expect(lowered).toContain('__decorate(');
    fs.writeFileSync(path.join(dir, 'sampleCard', 'sampleCard.js'), lowered);
    const { errors } = await compileBundles(dir);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/sampleCard\.js:\d+: .*LWC1104: "api" can only be used as a class decorator/);
  });

  it('fails a bundle over the size budget', async () => {
    const dir = lwcCopy('good');
    expect(await transpileLwc(dir)).toEqual([]);
    const { errors } = await compileBundles(dir, 1024);
    expect(errors).toEqual([
      expect.stringMatching(/sampleCard: compiled bundle is \d+ bytes, over the 1024-byte budget/)
    ]);
  });
});
