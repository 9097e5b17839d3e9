import { EXIT, intFlag, type CommandDef } from '../cli-kit';
import { requestJsonObject } from '../org-request';
import { API_BASE } from '../push/transport';
import { TARGET_FLAGS, resolveTransport } from '../target';

export const HEALTH_PATH = `${API_BASE}/health`;

/** --timeout, in seconds. */
export const STATUS_TIMEOUT = { default: 30, min: 1, max: 600 } as const;

export interface StatusResult {
  target: string;
  httpStatus: number;
  /** The health resource's answer, as received. */
  health: Record<string, unknown>;
}

export const statusCommand: CommandDef<StatusResult> = {
  name: 'status',
  usage: 'status --target-org <alias|username> [--json]',
  flags: [...TARGET_FLAGS, { name: 'timeout', type: 'string', placeholder: 'seconds' }],
  async run({ flags, io, org }) {
    const timeoutMs = intFlag(flags, 'timeout', STATUS_TIMEOUT.default, STATUS_TIMEOUT.min, STATUS_TIMEOUT.max) * 1000;
    const transport = await resolveTransport(flags, io, 1, org);
    try {
      const { response, body: health } = await requestJsonObject(
        transport,
        { method: 'GET', path: HEALTH_PATH, timeoutMs },
        {
          name: 'HealthCheckFailed',
          notFoundHint: ' — is the Modjo package installed in this org?',
          forbiddenHint: ' — assign the Modjo Integration (or Modjo Admin) permission set'
        }
      );
      const result: StatusResult = { target: transport.instanceUrl, httpStatus: response.status, health };
      const human = renderHealth(transport.instanceUrl, transport.username, health);
      if (health.status !== undefined && health.status !== 'ok') {
        const detail = typeof health.message === 'string' ? health.message : `status ${String(health.status)}`;
        return { result, human, exitCode: EXIT.FAILED, failure: { name: 'Degraded', message: detail } };
      }
      return { result, human };
    } finally {
      transport.close();
    }
  }
};

/** Human view of the health document (components/schemas/Health); fields it does not know are printed as they come. */
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
  const line = (label: string, value: unknown): void => {
    if (value !== undefined) lines.push(`${label}: ${format(value)}`);
  };
  line('Status', take('status'));
  const message = take('message');
  if (message !== undefined) lines.push(`  ${format(message)}`);
  line('Package version', take('packageVersion'));
  line('Request bound to version', take('requestVersion'));
  line('Namespace', take('namespace'));
  line('API path', take('apiPath'));
  line('Server time', take('serverTime'));
  const user = take('user') as { username?: string; id?: string } | undefined;
  if (user && typeof user === 'object') lines.push(`User: ${user.username ?? '?'}${user.id ? ` (${user.id})` : ''}`);
  const section = (title: string, value: unknown): void => {
    if (!value || typeof value !== 'object') return;
    lines.push(`${title}:`);
    for (const [key, inner] of Object.entries(value as Record<string, unknown>))
      lines.push(`  ${key}: ${format(inner)}`);
  };
  section('Settings', take('settings'));
  section('Inbox', take('inbox'));
  section('Limits', take('limits'));
  const permissions = take('permissions') as
    | { modjoIngest?: unknown; modjoReadContext?: unknown; objects?: Record<string, Record<string, unknown>> }
    | undefined;
  if (permissions && typeof permissions === 'object') {
    lines.push('Permissions of the caller:');
    if (permissions.modjoIngest !== undefined) lines.push(`  Modjo_Ingest: ${format(permissions.modjoIngest)}`);
    if (permissions.modjoReadContext !== undefined) {
      lines.push(`  Modjo_Read_Context (lookup, match preview): ${format(permissions.modjoReadContext)}`);
    }
    const objects = permissions.objects;
    if (objects && typeof objects === 'object') {
      const width = Math.max(...Object.keys(objects).map((k) => k.length), 6) + 2;
      lines.push(`  ${'Object'.padEnd(width)}read   create edit`);
      for (const [name, access] of Object.entries(objects)) {
        const flag = (v: unknown): string => (v === true ? 'yes' : 'no').padEnd(7);
        lines.push(
          `  ${name.padEnd(width)}${flag(access?.read)}${flag(access?.create)}${flag(access?.edit).trimEnd()}`
        );
      }
    }
    for (const [key, value] of Object.entries(permissions)) {
      if (!['modjoIngest', 'modjoReadContext', 'objects'].includes(key)) lines.push(`  ${key}: ${format(value)}`);
    }
  }
  for (const [key, value] of Object.entries(health)) {
    if (!known.has(key)) lines.push(`${key}: ${format(value)}`);
  }
  return lines.join('\n');
}

function format(value: unknown): string {
  if (value === null) return '(none)';
  if (Array.isArray(value)) {
    return value.length === 0
      ? '(none)'
      : value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ');
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
