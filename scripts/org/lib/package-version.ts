/**
 * The outcome of `sf package version create --json` and the install URLs of a package version (04t id).
 */
export const INSTALL_PATH = '/packaging/installPackage.apexp?p0=';

export interface PackageVersionOutcome {
  ok: boolean;
  subscriberPackageVersionId?: string;
  message: string;
}

export function readPackageVersionResult(json: unknown): PackageVersionOutcome {
  const root = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const result =
    typeof root.result === 'object' && root.result !== null ? (root.result as Record<string, unknown>) : {};
  const id = result.SubscriberPackageVersionId;
  if (root.status === 0 && typeof id === 'string' && /^04t[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/.test(id)) {
    return { ok: true, subscriberPackageVersionId: id, message: `Package version ${id} (${String(result.Status)})` };
  }
  const message =
    typeof root.message === 'string'
      ? root.message
      : `no package version id (status ${String(result.Status ?? root.status)})`;
  return { ok: false, message };
}

export function installUrls(id: string): { production: string; sandbox: string } {
  return {
    production: `https://login.salesforce.com${INSTALL_PATH}${id}`,
    sandbox: `https://test.salesforce.com${INSTALL_PATH}${id}`
  };
}
