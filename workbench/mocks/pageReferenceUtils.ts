/**
 * Local stand-in for `lightning/pageReferenceUtils` (not part of lightning-base-components): the encoding of
 * `defaultFieldValues` for a standard__objectPage "new" page reference (`Field=value,Field=value`, each value
 * URI-encoded), so the navigation the workbench lists shows what the platform would receive.
 */
export function encodeDefaultFieldValues(values: Record<string, unknown>): string {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([field, value]) => `${field}=${encodeURIComponent(String(value))}`)
    .join(',');
}

export function decodeDefaultFieldValues(encoded: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const pair of encoded.split(',').filter((part) => !!part)) {
    const [field, value = ''] = pair.split('=');
    values[field] = decodeURIComponent(value);
  }
  return values;
}
