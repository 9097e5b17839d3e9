/**
 * Picks the transport of push and status: the Salesforce CLI's stored auth for --target-org (or SF_TARGET_ORG),
 * or — hidden, for tests and troubleshooting — a raw instance URL (--instance-url or MODJO_SF_INSTANCE_URL) with an
 * access token read from MODJO_SF_ACCESS_TOKEN or, with --access-token-stdin, from the first line of standard input.
 * A token is never taken from the command line: it would show in process lists and shell history.
 */
import { UsageError, stringFlag, type ConnectedOrg, type FlagDef, type FlagValues, type Io } from './cli-kit';
import { createOrgTransport, transportFromConnection } from './push/org-transport';
import { HttpTransport, type Transport } from './push/transport';

export const TARGET_FLAGS: FlagDef[] = [
  {
    name: 'target-org',
    type: 'string',
    short: 'o',
    placeholder: 'alias|username'
  },
  { name: 'instance-url', type: 'string', hidden: true },
  {
    name: 'access-token-stdin',
    type: 'boolean',
    hidden: true
  },
  // Accepted only to be refused with a clear message (see resolveTransport).
  { name: 'access-token', type: 'string', hidden: true }
];

/** Refuses a token on the command line, and stdin asked to carry both the token and payloads. */
export function checkTokenSource(flags: FlagValues, positionals: string[] = []): void {
  if (flags['access-token'] !== undefined) {
    throw new UsageError(
      '--access-token is not accepted: a token on the command line shows in process lists and shell history. ' +
        'Set MODJO_SF_ACCESS_TOKEN, or pass --access-token-stdin and write the token to standard input'
    );
  }
  if (flags['access-token-stdin'] === true && positionals.includes('-')) {
    throw new UsageError('--access-token-stdin and "-" cannot share standard input: give the payloads as files');
  }
}

/** The transport to the target: the org the entry point resolved, else --target-org, else --instance-url. */
export async function resolveTransport(
  flags: FlagValues,
  io: Io,
  maxSockets: number,
  org?: ConnectedOrg
): Promise<Transport> {
  if (org) {
    const connection = org.getConnection();
    return transportFromConnection(connection, connection.getUsername() ?? 'the target org', maxSockets);
  }
  checkTokenSource(flags);
  const { env } = io;
  const instanceUrl = stringFlag(flags, 'instance-url') ?? env.MODJO_SF_INSTANCE_URL;
  const targetOrg = stringFlag(flags, 'target-org') ?? env.SF_TARGET_ORG;
  if (stringFlag(flags, 'target-org') === undefined && instanceUrl) {
    const token = flags['access-token-stdin'] === true ? await firstLine(io.stdin) : env.MODJO_SF_ACCESS_TOKEN;
    if (!token) {
      throw new UsageError('--instance-url needs a token: set MODJO_SF_ACCESS_TOKEN or pass --access-token-stdin');
    }
    return new HttpTransport(instanceUrl, { token: () => token }, undefined, maxSockets);
  }
  if (!targetOrg) throw new UsageError('--target-org is required (an alias or username known to the Salesforce CLI)');
  return createOrgTransport(targetOrg, maxSockets);
}

/** The first line of a stream, trimmed (the rest is not read). */
async function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += chunk.toString();
    if (text.includes('\n')) break;
  }
  return text.split('\n')[0].trim();
}

/** Identity of the target for the checkpoint: instance URL and user. */
export function targetKey(transport: Transport): string {
  return `${transport.instanceUrl.replace(/\/$/, '')}${transport.username ? `#${transport.username}` : ''}`;
}
