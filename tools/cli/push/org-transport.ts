/**
 * Transport built from the Salesforce CLI's stored authentication (`sf org login …`): @salesforce/core reads the
 * auth files, gives the instance URL and access token, and refreshes the token when the org answers 401.
 * @salesforce/core is loaded lazily so that validate and sample never pay for it.
 */
import { CliError } from '../cli-kit';
import { HttpTransport, type Transport } from './transport';

export async function createOrgTransport(aliasOrUsername: string, maxSockets: number): Promise<Transport> {
  let core: typeof import('@salesforce/core');
  try {
    core = await import('@salesforce/core');
  } catch (error) {
    throw new CliError(`Cannot load @salesforce/core: ${(error as Error).message}`, 1, 'DependencyMissing');
  }
  let connection: import('@salesforce/core').Connection;
  try {
    const org = await core.Org.create({ aliasOrUsername });
    connection = org.getConnection();
  } catch (error) {
    throw new CliError(
      `No authenticated org "${aliasOrUsername}" (${(error as Error).message}). Log in first: sf org login web --alias ${aliasOrUsername}`,
      1,
      'NoAuthorizedOrg'
    );
  }
  return transportFromConnection(connection, aliasOrUsername, maxSockets);
}

/** A transport over an org connection of @salesforce/core, refreshing its token on 401. */
export function transportFromConnection(
  connection: import('@salesforce/core').Connection,
  aliasOrUsername: string,
  maxSockets: number
): Transport {
  const instanceUrl = connection.instanceUrl;
  if (!instanceUrl || !connection.accessToken) {
    throw new CliError(
      `The stored auth of "${aliasOrUsername}" has no instance URL or access token`,
      1,
      'NoAuthorizedOrg'
    );
  }
  return new HttpTransport(
    instanceUrl,
    {
      token: () => connection.accessToken ?? '',
      refresh: async () => {
        const before = connection.accessToken;
        try {
          await connection.refreshAuth();
        } catch {
          return false;
        }
        return Boolean(connection.accessToken) && connection.accessToken !== before;
      }
    },
    connection.getUsername(),
    maxSockets
  );
}
