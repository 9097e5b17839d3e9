/**
 * Gate `typecheck`: strict TypeScript over the tooling (root tsconfig.json: scripts, tools, tests, contract,
 * workbench) and over the LWC components (force-app/main/default/lwc/tsconfig.json), with the TypeScript
 * compiler API. Also checks that the LWC tsconfig maps `c/<bundle>` for every bundle (`npm run lwc:paths`).
 */
import path from 'node:path';
import ts from 'typescript';
import { LWC_DIR, ROOT, rel } from './lib/paths';
import { gateResult, runMain, type GateResult } from './lib/gate';
import { checkLwcPaths } from './lwc-paths';

/** Type-checks one TypeScript project; returns its diagnostics as `file:line:col: TSxxxx message`. */
export function typecheckProject(tsconfigPath: string): { errors: string[]; fileCount: number } {
  const read = ts.readConfigFile(tsconfigPath, (file) => ts.sys.readFile(file));
  if (read.error) {
    return { errors: [formatDiagnostic(read.error)], fileCount: 0 };
  }
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(tsconfigPath), { noEmit: true });
  // The tsconfig files set skipLibCheck for editors and `npx tsc` (third-party declarations have errors of
  // their own), which would also skip our declarations in types/. The gate checks every file outside
  // node_modules, declarations included, and only those.
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: { ...parsed.options, skipLibCheck: false }
  });
  const own = program.getSourceFiles().filter((file) => !file.fileName.split(path.sep).includes('node_modules'));
  const diagnostics = [
    ...parsed.errors,
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...own.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)])
  ];
  return { errors: diagnostics.map(formatDiagnostic), fileCount: parsed.fileNames.length };
}

function formatDiagnostic(diagnostic: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (diagnostic.file && diagnostic.start !== undefined) {
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${rel(diagnostic.file.fileName)}:${line + 1}:${character + 1}: TS${diagnostic.code} ${message}`;
  }
  return `TS${diagnostic.code} ${message}`;
}

/** Type-checks an LWC folder (its tsconfig.json) and checks its `c/*` mappings. */
export function typecheckLwc(lwcDir: string): GateResult {
  const pathProblems = checkLwcPaths(lwcDir).map(
    (p) => `${rel(path.join(lwcDir, 'tsconfig.json'))}: ${p} (run \`npm run lwc:paths\`)`
  );
  const { errors, fileCount } = typecheckProject(path.join(lwcDir, 'tsconfig.json'));
  return gateResult([...pathProblems, ...errors], [`LWC: ${fileCount} file(s) type-checked (${rel(lwcDir)})`]);
}

export function typecheckAll(): GateResult {
  const tooling = typecheckProject(path.join(ROOT, 'tsconfig.json'));
  const lwc = typecheckLwc(LWC_DIR);
  // types/ belongs to both projects: report a problem there once.
  return gateResult(
    [...new Set([...tooling.errors, ...lwc.errors])],
    [`Tooling: ${tooling.fileCount} file(s) type-checked (tsconfig.json)`, ...lwc.info]
  );
}

if (require.main === module) {
  runMain('typecheck', () => Promise.resolve(typecheckAll()));
}
