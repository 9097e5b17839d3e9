/**
 * Rollup plugins that stand in for the Salesforce platform when our LWC components run on localhost:
 * - `salesforceModules`: `@salesforce/label/c.*` (values read from the CustomLabels file), `@salesforce/apex/*`
 *   (mock Apex methods backed by the page's fixtures), `@salesforce/customPermission/*` and `userPermission/*`
 *   (granted unless the scenario says otherwise), `@salesforce/schema/*`, `@salesforce/user/Id`, and local
 *   mocks for modules lightning-base-components does not ship (`force/navigation`, `lightning/uiRecordApi`,
 *   `lightning/platformShowToastEvent`, `lightning/refresh`, `lightning/pageReferenceUtils`), plus the generated registry of discovered components.
 * - `stripTypeScript`: Babel preset-typescript + legacy decorator syntax, run before `@lwc/rollup-plugin`, which
 *   accepts `.ts` files but does not remove type syntax.
 */
import path from 'node:path';
import type { Plugin, SourceMapInput } from 'rollup';
import { transpileLwcTypeScript } from '../../scripts/lib/lwc-babel';
import type { ComponentInfo } from './discover';

const LABEL_PREFIX = '@salesforce/label/c.';
const APEX_PREFIX = '@salesforce/apex/';
const SCHEMA_PREFIX = '@salesforce/schema/';
const PERMISSION_PREFIXES = ['@salesforce/customPermission/', '@salesforce/userPermission/'];
const VIRTUAL = '\0workbench:';
export const COMPONENT_REGISTRY_ID = 'workbench:components';

export interface SalesforceModulesOptions {
  /** Label API name to English value. Unknown labels render as their API name. */
  labels: Map<string, string>;
  /** Folder holding the browser runtime (`apex.ts`, …). */
  runtimeDir: string;
  /** Folder holding the module mocks (`navigation.ts`, …). */
  mocksDir: string;
  /** Components to register under their `c-` tag names. */
  components: ComponentInfo[];
  /** Labels that were imported but are missing from the labels file (filled during the build). */
  missingLabels?: Set<string>;
  /** `@salesforce/i18n/<name>` values to serve instead of LBC's stubs (locale, lang, timeZone), if any. */
  i18n?: Record<string, string>;
}

const I18N_PREFIX = '@salesforce/i18n/';

/** Strips a managed-package namespace from `ns.Class.method` so fixtures can key Apex methods as `Class.method`. */
export function apexMethodKey(specifier: string): string {
  const parts = specifier.split('.');
  return parts.length > 2 ? parts.slice(-2).join('.') : specifier;
}

export function salesforceModules(options: SalesforceModulesOptions): Plugin {
  const mocks: Record<string, string> = {
    'force/navigation': path.join(options.mocksDir, 'navigation.ts'),
    'lightning/uiRecordApi': path.join(options.mocksDir, 'uiRecordApi.ts'),
    'lightning/platformShowToastEvent': path.join(options.mocksDir, 'platformShowToastEvent.ts'),
    'lightning/refresh': path.join(options.mocksDir, 'refresh.ts'),
    'lightning/pageReferenceUtils': path.join(options.mocksDir, 'pageReferenceUtils.ts'),
    '@salesforce/apex': path.join(options.runtimeDir, 'apex.ts')
  };
  const apexRuntime = JSON.stringify(path.join(options.runtimeDir, 'apex.ts'));
  const scenarioRuntime = JSON.stringify(path.join(options.runtimeDir, 'scenario.ts'));
  return {
    name: 'workbench-salesforce-modules',
    resolveId(source) {
      if (source in mocks) {
        return mocks[source];
      }
      if (source === COMPONENT_REGISTRY_ID) {
        return VIRTUAL + 'components';
      }
      if (source.startsWith(I18N_PREFIX) && options.i18n?.[source.slice(I18N_PREFIX.length)] !== undefined) {
        return VIRTUAL + source;
      }
      if (
        source.startsWith(LABEL_PREFIX) ||
        source.startsWith(APEX_PREFIX) ||
        source.startsWith(SCHEMA_PREFIX) ||
        PERMISSION_PREFIXES.some((prefix) => source.startsWith(prefix)) ||
        source === '@salesforce/user/Id'
      ) {
        return VIRTUAL + source;
      }
      return null;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) {
        return null;
      }
      const source = id.slice(VIRTUAL.length);
      if (source === 'components') {
        // Service bundles (no template) stay importable as `c/<name>` but are not mountable.
        const mountable = options.components.filter((c) => c.hasTemplate);
        const lines = mountable.map((c, i) => `import C${i} from ${JSON.stringify('c/' + c.name)};`);
        const entries = mountable.map((c, i) => `${JSON.stringify(c.name)}: C${i}`);
        return `${lines.join('\n')}\nexport default { ${entries.join(', ')} };\n`;
      }
      if (source.startsWith(I18N_PREFIX)) {
        return `export default ${JSON.stringify(options.i18n?.[source.slice(I18N_PREFIX.length)])};\n`;
      }
      if (source.startsWith(LABEL_PREFIX)) {
        const name = source.slice(LABEL_PREFIX.length);
        const value = options.labels.get(name);
        if (value === undefined) {
          options.missingLabels?.add(name);
        }
        return `export default ${JSON.stringify(value ?? name)};\n`;
      }
      if (source.startsWith(APEX_PREFIX)) {
        const key = apexMethodKey(source.slice(APEX_PREFIX.length));
        return `import { apexMethod } from ${apexRuntime};\nexport default apexMethod(${JSON.stringify(key)});\n`;
      }
      if (source.startsWith(SCHEMA_PREFIX)) {
        const [objectApiName, ...field] = source.slice(SCHEMA_PREFIX.length).split('.');
        const value = field.length ? { objectApiName, fieldApiName: field.join('.') } : { objectApiName };
        return `export default ${JSON.stringify(value)};\n`;
      }
      const permissionPrefix = PERMISSION_PREFIXES.find((prefix) => source.startsWith(prefix));
      if (permissionPrefix) {
        const name = source.slice(permissionPrefix.length);
        return `import { hasPermission } from ${scenarioRuntime};\nexport default hasPermission(${JSON.stringify(name)});\n`;
      }
      if (source === '@salesforce/user/Id') {
        return `export default '005000000000001AAA';\n`;
      }
      return null;
    }
  };
}

/** Removes TypeScript syntax from `.ts` modules, keeping decorators for the LWC compiler. */
export function stripTypeScript(): Plugin {
  return {
    name: 'workbench-strip-typescript',
    async transform(code, id) {
      const filename = id.split('?', 1)[0];
      if (!filename.endsWith('.ts') || filename.endsWith('.d.ts') || id.startsWith('\0')) {
        return null;
      }
      const result = await transpileLwcTypeScript(code, filename, true);
      return { code: result.code, map: (result.map ?? null) as SourceMapInput };
    }
  };
}
