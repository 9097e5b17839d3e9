/**
 * Picks the transport of push and status: the Salesforce CLI's stored auth for --target-org (or SF_TARGET_ORG),
 * or — hidden, for tests and troubleshooting — a raw instance URL and access token
 * (--instance-url/--access-token or MODJO_SF_INSTANCE_URL/MODJO_SF_ACCESS_TOKEN), e.g. the local fake org.
 */
import { UsageError, stringFlag, type FlagDef, type FlagValues } from './cli-kit';
import { createOrgTransport } from './push/org-transport';
import { HttpTransport, type Transport } from './push/transport';

export const TARGET_FLAGS: FlagDef[] = [
  {
    name: 'target-org',
    type: 'string',
    short: 'o',
    placeholder: 'alias|username',
    description: 'Org alias or username authorised with the Salesforce CLI (default: $SF_TARGET_ORG).'
  },
  { name: 'instance-url', type: 'string', hidden: true, description: 'Instance URL (tests: the local fake org).' },
  { name: 'access-token', type: 'string', hidden: true, description: 'Access token to use with --instance-url.' }
];

export async function resolveTransport(
  flags: FlagValues,
  env: NodeJS.ProcessEnv,
  maxSockets: number
): Promise<Transport> {
  const instanceUrl = stringFlag(flags, 'instance-url') ?? env.MODJO_SF_INSTANCE_URL;
  const targetOrg = stringFlag(flags, 'target-org') ?? env.SF_TARGET_ORG;
  if (stringFlag(flags, 'target-org') === undefined && instanceUrl) {
    const token = stringFlag(flags, 'access-token') ?? env.MODJO_SF_ACCESS_TOKEN;
    if (!token) throw new UsageError('--instance-url needs --access-token (or MODJO_SF_ACCESS_TOKEN)');
    return new HttpTransport(instanceUrl, { token: () => token }, undefined, maxSockets);
  }
  if (!targetOrg) throw new UsageError('--target-org is required (an alias or username known to the Salesforce CLI)');
  return createOrgTransport(targetOrg, maxSockets);
}

/** Identity of the target for the checkpoint: instance URL and user. */
export function targetKey(transport: Transport): string {
  return `${transport.instanceUrl.replace(/\/$/, '')}${transport.username ? `#${transport.username}` : ''}`;
}
