import { CliError, EXIT, intFlag, type CommandDef } from '../cli-kit';
import { parseErrors } from '../push/engine';
import { API_BASE, TransportError } from '../push/transport';
import { TARGET_FLAGS, resolveTransport } from '../target';

export const HEALTH_PATH = `${API_BASE}/health`;

export interface StatusResult {
  target: string;
  httpStatus: number;
  /** The health resource's answer, as received. */
  health: Record<string, unknown>;
}

export const statusCommand: CommandDef<StatusResult> = {
  name: 'status',
  summary: "Check the org's Modjo endpoint: package version, settings summary, inbox failures.",
  usage: 'status --target-org <alias|username> [--json]',
  description: [
    'Calls GET /services/apexrest/modjo/v1/health with the Salesforce CLI stored auth of the org and prints',
    "the package version, the settings summary, the inbox counts and the caller's permissions.",
    'Exit code 1 when the endpoint cannot be reached or answers an error (for example without the Modjo',
    'Integration permission set, or when the package is not installed).'
  ].join('\n'),
  examples: ['modjo-sf status --target-org my-sandbox', 'modjo-sf status -o admin@acme.com --json'],
  flags: [
    ...TARGET_FLAGS,
    { name: 'timeout', type: 'string', placeholder: 'seconds', description: 'Request timeout (default 30).' }
  ],
  async run({ flags, io }) {
    const timeoutMs = intFlag(flags, 'timeout', 30, 1, 600) * 1000;
    const transport = await resolveTransport(flags, io.env, 1);
    try {
      let response;
      try {
        response = await transport.request({ method: 'GET', path: HEALTH_PATH, timeoutMs });
      } catch (error) {
        if (error instanceof TransportError) {
          throw new CliError(
            `Cannot reach ${transport.instanceUrl}: ${error.message}`,
            EXIT.FAILED,
            'ConnectionFailed'
          );
        }
        throw error;
      }
      let body: unknown;
      try {
        body = JSON.parse(response.body);
      } catch {
        body = undefined;
      }
      if (response.status !== 200 || body === null || typeof body !== 'object' || Array.isArray(body)) {
        const errors = parseErrors(response.body);
        const detail = errors.length
          ? errors.map((e) => `${e.code}: ${e.message}`).join('; ')
          : response.body.slice(0, 300);
        const hint =
          response.status === 404
            ? ' — is the Modjo package installed in this org?'
            : response.status === 403
              ? ' — assign the Modjo Integration (or Modjo Admin) permission set'
              : '';
        throw new CliError(
          `HTTP ${response.status} from ${HEALTH_PATH}: ${detail}${hint}`,
          EXIT.FAILED,
          'HealthCheckFailed',
          {
            httpStatus: response.status,
            errors
          }
        );
      }
      const health = body as Record<string, unknown>;
      const result: StatusResult = { target: transport.instanceUrl, httpStatus: response.status, health };
      return { result, human: renderHealth(transport.instanceUrl, transport.username, health) };
    } finally {
      transport.close();
    }
  }
};

/** Human view of the health answer; tolerant of fields it does not know (printed as they come). */
export function renderHealth(
  instanceUrl: string,
  username: string | undefined,
  health: Record<string, unknown>
): string {
  const lines = [`Org: ${instanceUrl}${username ? ` (${username})` : ''}`];
  const known = new Set<string>();
  const take = (key: string): unknown => {
    known.add(key);
    return health[key];
  };
  const status = take('status');
  if (status !== undefined) lines.push(`Status: ${String(status)}`);
  const version = take('packageVersion') ?? take('version');
  if (version !== undefined)
    lines.push(`Package version: ${typeof version === 'object' ? JSON.stringify(version) : String(version)}`);
  const apiVersion = take('apiVersion');
  if (apiVersion !== undefined) lines.push(`API version: ${String(apiVersion)}`);
  const settings = take('settings');
  if (settings && typeof settings === 'object') {
    lines.push('Settings:');
    for (const [key, value] of Object.entries(settings as Record<string, unknown>))
      lines.push(`  ${key}: ${format(value)}`);
  }
  const inbox = take('inbox');
  if (inbox && typeof inbox === 'object') {
    lines.push('Inbox:');
    for (const [key, value] of Object.entries(inbox as Record<string, unknown>))
      lines.push(`  ${key}: ${format(value)}`);
  }
  const permissions = take('permissions');
  if (permissions && typeof permissions === 'object') {
    lines.push('Permissions of the caller:');
    for (const [key, value] of Object.entries(permissions as Record<string, unknown>))
      lines.push(`  ${key}: ${format(value)}`);
  }
  for (const [key, value] of Object.entries(health)) {
    if (!known.has(key)) lines.push(`${key}: ${format(value)}`);
  }
  return lines.join('\n');
}

function format(value: unknown): string {
  if (Array.isArray(value))
    return value.length === 0
      ? '(none)'
      : value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
