/**
 * Gate `build:lwc`: TypeScript components -> JavaScript -> platform compiler.
 *
 * 1. Every `.ts` source of every bundle is transpiled with Babel (preset-typescript, decorators kept in
 *    legacy syntax, `allowDeclareFields` as the LWC toolchain does) into a `.js` beside it. The `.js` is
 *    generated and git-ignored: run this before anything that deploys, packages or serves the components.
 * 2. Every bundle (its `.js`, `.html`, `.css`, `.svg`) is compiled with `@lwc/sfdc-lwc-compiler`, the
 *    compiler the platform runs on deploy, in the package namespace. Any diagnostic of level error fails.
 * 3. The compiled size of each bundle is written to reports/lwc/bundle-sizes.json; over 30 KB fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { compile } from '@lwc/sfdc-lwc-compiler';
import { LWC_DIR, REPORTS_DIR, rel } from './lib/paths';
import { transpileLwcTypeScript } from './lib/lwc-babel';
import { bundleFilesMatching, bundleSources, listBundles, type LwcBundle } from './lib/lwc-bundles';
import { gateResult, runMain, writeJson, type GateResult } from './lib/gate';

export const MAX_BUNDLE_BYTES = 30 * 1024;
const NAMESPACE = 'modjo';
/** Error level of a compiler diagnostic (DiagnosticLevel.Error in @lwc/errors). */
const LEVEL_FATAL = 0;
const LEVEL_ERROR = 1;

/** Transpiles one TypeScript source to the JavaScript the platform compiler expects. */
export async function transpileSource(file: string): Promise<string> {
  return (await transpileLwcTypeScript(fs.readFileSync(file, 'utf8'), rel(file), false)).code;
}

/**
 * Writes `<source>.js` beside every `.ts` source of every bundle and deletes generated `.js` files whose `.ts`
 * is gone (every `.js` of a bundle is generated and git-ignored, so none is a source). Returns the problems found.
 */
export async function transpileLwc(lwcDir: string): Promise<string[]> {
  const errors: string[] = [];
  for (const bundle of listBundles(lwcDir)) {
    const sources = bundleSources(bundle);
    for (const js of Object.keys(bundleFiles(bundle)).filter((f) => f.endsWith('.js'))) {
      const file = path.join(bundle.dir, js);
      if (!sources.includes(file.replace(/\.js$/, '.ts'))) {
        fs.rmSync(file);
      }
    }
    for (const source of sources) {
      try {
        const code = await transpileSource(source);
        fs.writeFileSync(source.replace(/\.ts$/, '.js'), code);
      } catch (error) {
        errors.push(`${rel(source)}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return errors;
}

/** The files of a bundle the platform compiler receives (generated `.js`, templates, styles, svg). */
export function bundleFiles(bundle: LwcBundle): Record<string, string> {
  const files: Record<string, string> = {};
  for (const full of bundleFilesMatching(bundle, (name) => /\.(js|html|css|svg)$/.test(name))) {
    files[path.relative(bundle.dir, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
  }
  return files;
}

export interface BundleSize {
  name: string;
  bytes: number;
}

/** Compiles every bundle with the platform compiler; fails on errors and on bundles over the budget. */
export async function compileBundles(
  lwcDir: string,
  maxBytes = MAX_BUNDLE_BYTES
): Promise<{ errors: string[]; sizes: BundleSize[] }> {
  const errors: string[] = [];
  const sizes: BundleSize[] = [];
  for (const bundle of listBundles(lwcDir)) {
    const files = bundleFiles(bundle);
    if (!(`${bundle.name}.js` in files)) {
      errors.push(`${rel(bundle.dir)}: no ${bundle.name}.js to compile (is ${bundle.name}.ts missing?)`);
      continue;
    }
    const output = await compile({
      bundle: { type: 'platform', name: bundle.name, namespace: NAMESPACE, namespaceMapping: { c: NAMESPACE }, files }
    });
    const diagnostics = [...output.diagnostics, ...(output.results ?? []).flatMap((r) => r.diagnostics)];
    const fatal = diagnostics.filter((d) => d.level === LEVEL_FATAL || d.level === LEVEL_ERROR);
    for (const d of fatal) {
      const where = d.filename ? `${rel(path.join(bundle.dir, path.basename(d.filename)))}` : rel(bundle.dir);
      const line = d.location ? `:${d.location.line}` : '';
      const message = d.message.startsWith(`LWC${d.code}`) ? d.message : `LWC${d.code}: ${d.message}`;
      errors.push(`${where}${line}: ${message}`);
    }
    if (!output.success && fatal.length === 0) {
      errors.push(`${rel(bundle.dir)}: the platform compiler rejected the bundle without a diagnostic`);
    }
    if (!output.success) {
      continue;
    }
    const bytes = Buffer.byteLength(output.results?.[0]?.code ?? '', 'utf8');
    sizes.push({ name: bundle.name, bytes });
    if (bytes > maxBytes) {
      errors.push(`${rel(bundle.dir)}: compiled bundle is ${bytes} bytes, over the ${maxBytes}-byte budget`);
    }
  }
  return { errors, sizes };
}

/** The whole gate on one `lwc` folder. */
export async function buildLwc(lwcDir: string, reportFile?: string): Promise<GateResult> {
  const bundles = listBundles(lwcDir);
  const transpileErrors = await transpileLwc(lwcDir);
  if (transpileErrors.length) {
    return gateResult(transpileErrors);
  }
  const { errors, sizes } = await compileBundles(lwcDir);
  if (reportFile) {
    writeJson(reportFile, { budgetBytes: MAX_BUNDLE_BYTES, bundles: sizes });
  }
  const info = sizes.map((s) => `  ${s.name.padEnd(28)} ${(s.bytes / 1024).toFixed(1).padStart(6)} KB`);
  info.unshift(`Compiled ${bundles.length} bundle(s) with @lwc/sfdc-lwc-compiler (namespace ${NAMESPACE}):`);
  if (reportFile) {
    info.push(`Sizes written to ${rel(reportFile)}`);
  }
  return gateResult(errors, info);
}

if (require.main === module) {
  runMain('build:lwc', () => buildLwc(LWC_DIR, path.join(REPORTS_DIR, 'lwc', 'bundle-sizes.json')));
}
