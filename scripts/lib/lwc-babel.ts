/**
 * The one TypeScript → JavaScript transform of LWC sources, shared by the package build (`npm run build:lwc`) and the
 * workbench, so that what a rep sees on localhost is compiled exactly like what ships: Babel preset-typescript strips
 * the types, and the legacy decorator syntax plugin keeps `@api`, `@track` and `@wire` as written (lowering them
 * would make the LWC compiler reject the bundle, LWC1104).
 */
import { transformAsync } from '@babel/core';

export interface TranspiledSource {
  code: string;
  map?: object | null;
}

export async function transpileLwcTypeScript(
  code: string,
  filename: string,
  sourceMaps: boolean
): Promise<TranspiledSource> {
  const result = await transformAsync(code, {
    filename,
    babelrc: false,
    configFile: false,
    sourceMaps,
    presets: [['@babel/preset-typescript', { allowDeclareFields: true }]],
    plugins: [['@babel/plugin-syntax-decorators', { version: 'legacy' }]]
  });
  if (!result?.code) {
    throw new Error(`Babel produced no output for ${filename}`);
  }
  return { code: result.code, map: result.map ?? null };
}
