/**
 * Builds the workbench: our LWC components compiled by the real LWC engine (`@lwc/rollup-plugin`), with
 * lightning-base-components, synthetic shadow and the SLDS stylesheet, into static files under `workbench/dist`:
 * `index.html`, one `<component>.html` per component, `data/*.json` (scenarios with their fixtures resolved),
 * `app.js` and lazily loaded chunks (icons), `assets/` (SLDS CSS and images).
 */
import fs from 'node:fs';
import path from 'node:path';
import { rollup, type RollupLog } from 'rollup';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import { discoverComponents, type ComponentInfo } from './discover';
import { readCustomLabels, readTranslatedLabels } from './labels';
import { salesforceModules, stripTypeScript } from './plugins';
import { loadScenarioFile, type ResolvedScenario } from './scenarios';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const WORKBENCH = path.join(REPO_ROOT, 'workbench');

export interface BuildOptions {
  /**
   * Language of the build: `en` (default) shows the English label values; `fr` the French translations
   * (translations/fr.translation-meta.xml, English where a label has none) with the fr-FR locale and the Europe/Paris
   * time zone, as a French user sees the components.
   */
  language?: 'en' | 'fr';
  /** `production` (default) or `development` (LWC engine dev checks and warnings on). */
  mode?: 'production' | 'development';
  outDir?: string;
  /** Component folders, searched in order (default: the package's lwc folder). */
  componentRoots?: string[];
  /** Print progress and warnings (default true). */
  log?: (line: string) => void;
}

export interface BuiltPage {
  name: string;
  tag: string;
  scenarios: ResolvedScenario[];
}

export interface BuildResult {
  outDir: string;
  pages: BuiltPage[];
  durationMs: number;
  warnings: string[];
  missingLabels: string[];
}

export const DEFAULT_OUT_DIR = path.join(WORKBENCH, 'dist');
export const DEFAULT_COMPONENT_ROOTS = [path.join(REPO_ROOT, 'force-app', 'main', 'default', 'lwc')];
const LABELS_FILE = path.join(REPO_ROOT, 'force-app', 'main', 'default', 'labels', 'CustomLabels.labels-meta.xml');
const FRENCH_FILE = path.join(REPO_ROOT, 'force-app', 'main', 'default', 'translations', 'fr.translation-meta.xml');
/** `@salesforce/i18n/*` values of a French user in Paris. */
const FRENCH_I18N: Record<string, string> = { locale: 'fr-FR', lang: 'fr', timeZone: 'Europe/Paris' };
const FIXTURES_DIR = path.join(REPO_ROOT, 'fixtures');
const SCENARIOS_DIR = path.join(WORKBENCH, 'scenarios');
const SLDS_ASSETS = path.join(REPO_ROOT, 'node_modules', '@salesforce-ux', 'design-system', 'assets');
const LBC_ROOT = path.join(REPO_ROOT, 'node_modules', 'lightning-base-components');

/**
 * LBC ships stubs for the platform modules it imports (`@salesforce/i18n/*`, `@salesforce/client/formFactor`, …)
 * but only exposes `lightning/*` to other packages. Splicing its alias records in (absolute paths) lets our own
 * components import the same stubs. Its label and gate stubs are left out: our labels come from our own file.
 */
function lbcPlatformStubs(): Array<{ name: string; path: string }> {
  const pkg = JSON.parse(fs.readFileSync(path.join(LBC_ROOT, 'package.json'), 'utf8')) as {
    lwc: { modules: Array<{ name?: string; path?: string }> };
  };
  return pkg.lwc.modules
    .filter((m): m is { name: string; path: string } => Boolean(m.name && m.path))
    .filter((m) => m.name.startsWith('@salesforce/i18n/') || m.name.startsWith('@salesforce/client/'))
    .map((m) => ({ name: m.name, path: path.join(LBC_ROOT, m.path) }));
}

function scenariosFor(component: ComponentInfo): ResolvedScenario[] {
  const file = path.join(SCENARIOS_DIR, `${component.name}.json`);
  return fs.existsSync(file) ? loadScenarioFile(file, FIXTURES_DIR, REPO_ROOT) : [];
}

/** Embeds JSON in a `<script>` element safely (no `</script>` or `<!--` can appear in the text). */
function inlineJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function pageHtml(page: string, title: string, data: unknown): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="assets/styles/salesforce-lightning-design-system.min.css">
<link rel="stylesheet" href="workbench.css">
<link rel="icon" href="data:,">
</head>
<body data-page="${page}">
<div class="slds-page-header workbench-header">
  <div class="slds-page-header__row">
    <div class="slds-page-header__col-title">
      <p class="slds-page-header__name-meta"><a href="index.html">Modjo workbench</a></p>
      <h1 class="slds-page-header__title">${title}</h1>
    </div>
  </div>
</div>
<div id="workbench-errors" class="slds-notify slds-notify_alert slds-alert_error workbench-errors" role="alert" hidden></div>
<main id="workbench-main" class="slds-p-around_medium"></main>
<script type="application/json" id="workbench-data">${inlineJson(data)}</script>
<script type="module" src="app.js"></script>
</body>
</html>
`;
}

function copyDir(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

/** Builds everything into `outDir` (emptied first) and returns what was built. */
export async function buildWorkbench(options: BuildOptions = {}): Promise<BuildResult> {
  const started = Date.now();
  const mode = options.mode ?? 'production';
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  const log = options.log ?? ((line: string) => console.log(line));
  const components = discoverComponents(options.componentRoots ?? DEFAULT_COMPONENT_ROOTS);
  const pages: BuiltPage[] = components
    .filter((c) => c.hasTemplate)
    .map((c) => ({ name: c.name, tag: c.tag, scenarios: scenariosFor(c) }));
  const labels = readCustomLabels(LABELS_FILE);
  const missingLabels = new Set<string>();
  const warnings = labelWarnings(labels);
  const french = options.language === 'fr';
  if (french) {
    for (const [name, value] of readTranslatedLabels(FRENCH_FILE)) {
      labels.set(name, value);
    }
  }
  const i18n = french ? FRENCH_I18N : undefined;
  await bundleApp({ outDir, mode, components, labels, missingLabels, warnings, i18n });
  copyAssets(outDir);
  writePages(outDir, pages);
  const durationMs = Date.now() - started;
  for (const warning of warnings) {
    log(`workbench: ${warning}`);
  }
  if (missingLabels.size) {
    log(`workbench: labels missing from CustomLabels (shown as their name): ${[...missingLabels].sort().join(', ')}`);
  }
  log(
    `workbench: built ${pages.length} component page(s), ${pages.reduce((n, p) => n + p.scenarios.length, 0)} scenario(s) ` +
      `in ${(durationMs / 1000).toFixed(1)} s (${mode}) → ${path.relative(process.cwd(), outDir) || '.'}`
  );
  return { outDir, pages, durationMs, warnings, missingLabels: [...missingLabels].sort() };
}

function labelWarnings(labels: Map<string, string>): string[] {
  const warnings: string[] = [];
  for (const [name, value] of labels) {
    if (value !== value.trim()) {
      // A formatter that wraps long <value> elements puts line breaks and indentation into the label itself.
      warnings.push(`LABEL_WHITESPACE: custom label ${name} starts or ends with white space`);
    }
  }
  return warnings;
}

interface BundleInputs {
  outDir: string;
  mode: 'production' | 'development';
  components: ComponentInfo[];
  labels: Map<string, string>;
  /** Filled with the labels the components use that CustomLabels lacks. */
  missingLabels: Set<string>;
  /** Filled with rollup's warnings about our own code. */
  warnings: string[];
  /** `@salesforce/i18n/<name>` values replacing LBC's stubs (a French build), or undefined. */
  i18n?: Record<string, string>;
}

/** Bundles the runtime and every component (LWC compiler, our platform modules) into `outDir`, emptied first. */
async function bundleApp(inputs: BundleInputs): Promise<void> {
  const { outDir, mode, components, labels, missingLabels, warnings, i18n } = inputs;
  const bundle = await rollup({
    input: { app: path.join(WORKBENCH, 'runtime', 'main.ts') },
    onwarn(warning: RollupLog) {
      // LBC and the engine have known circular imports; only warnings about our own code are worth showing.
      const id = warning.id ?? warning.loc?.file ?? '';
      if (warning.code === 'CIRCULAR_DEPENDENCY' || id.includes(`${path.sep}node_modules${path.sep}`)) {
        return;
      }
      warnings.push(`${warning.code ?? 'WARN'}: ${warning.message}`);
    },
    plugins: [
      salesforceModules({
        labels,
        missingLabels,
        i18n,
        runtimeDir: path.join(WORKBENCH, 'runtime'),
        mocksDir: path.join(WORKBENCH, 'mocks'),
        components
      }),
      replace({
        preventAssignment: true,
        values: {
          'import.meta.env.SSR': 'false',
          'process.env.NODE_ENV': JSON.stringify(mode)
        }
      }),
      stripTypeScript(),
      lwc({
        rootDir: path.join(WORKBENCH, 'runtime'),
        // LBC's combobox calls attachInternals(); the platform allows it under synthetic shadow with this flag.
        enableSyntheticElementInternals: true,
        modules: [
          ...components.map((c) => ({ name: `c/${c.name}`, path: c.entry })),
          ...lbcPlatformStubs(),
          // lightning-record-picker is not in lightning-base-components: a local stand-in (mocks/recordPicker).
          { name: 'lightning/recordPicker', path: path.join(WORKBENCH, 'mocks', 'recordPicker', 'recordPicker.ts') },
          { npm: 'lightning-base-components' }
        ]
      })
    ]
  });
  try {
    fs.rmSync(outDir, { recursive: true, force: true });
    await bundle.write({
      dir: outDir,
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: mode === 'development'
    });
  } finally {
    await bundle.close();
  }
}

/** SLDS styles and images, and the workbench's own stylesheet. */
function copyAssets(outDir: string): void {
  fs.mkdirSync(path.join(outDir, 'assets', 'styles'), { recursive: true });
  fs.copyFileSync(
    path.join(SLDS_ASSETS, 'styles', 'salesforce-lightning-design-system.min.css'),
    path.join(outDir, 'assets', 'styles', 'salesforce-lightning-design-system.min.css')
  );
  copyDir(path.join(SLDS_ASSETS, 'images'), path.join(outDir, 'assets', 'images'));
  fs.copyFileSync(path.join(WORKBENCH, 'runtime', 'workbench.css'), path.join(outDir, 'workbench.css'));
}

/** The index page, one page per component, and the same data as JSON files. */
function writePages(outDir: string, pages: BuiltPage[]): void {
  fs.mkdirSync(path.join(outDir, 'data'), { recursive: true });
  const index = pages.map((p) => ({
    name: p.name,
    tag: p.tag,
    scenarios: p.scenarios.map(({ id, title }) => ({ id, title }))
  }));
  fs.writeFileSync(path.join(outDir, 'index.html'), pageHtml('index', 'Components', { kind: 'index', pages: index }));
  // The same data as files, for the browser tests and for anyone curious.
  fs.writeFileSync(path.join(outDir, 'data', 'index.json'), JSON.stringify(index, null, 2));
  for (const page of pages) {
    fs.writeFileSync(
      path.join(outDir, `${page.name}.html`),
      pageHtml(page.name, `&lt;${page.tag}&gt;`, { kind: 'component', page })
    );
    fs.writeFileSync(path.join(outDir, 'data', `${page.name}.json`), JSON.stringify(page, null, 2));
  }
}
