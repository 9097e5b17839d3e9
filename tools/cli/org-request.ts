/**
 * One request to a package resource whose answer is a JSON object (`modjo-sf status`, `modjo-sf match`): a transport
 * failure is `ConnectionFailed`; any other answer than 200 with a JSON object is the command's own failure, with the
 * errors the resource sent (or the start of its body) and a hint for 404 and 403.
 */
import { CliError, EXIT } from './cli-kit';
import { parseErrors } from './push/engine';
import { TransportError, type Transport, type TransportRequest, type TransportResponse } from './push/transport';

export interface ResourceFailure {
  /** The failure's name in `--json` (e.g. `HealthCheckFailed`). */
  name: string;
  /** Appended to the message of a 404. */
  notFoundHint: string;
  /** Appended to the message of a 403. */
  forbiddenHint: string;
}

export interface JsonObjectAnswer {
  response: TransportResponse;
  body: Record<string, unknown>;
}

export async function requestJsonObject(
  transport: Transport,
  request: TransportRequest,
  failure: ResourceFailure
): Promise<JsonObjectAnswer> {
  let response: TransportResponse;
  try {
    response = await transport.request(request);
  } catch (error) {
    if (error instanceof TransportError) {
      throw new CliError(`Cannot reach ${transport.instanceUrl}: ${error.message}`, EXIT.FAILED, 'ConnectionFailed');
    }
    throw error;
  }
  const body = jsonObject(response.body);
  if (response.status === 200 && body) return { response, body };
  const errors = parseErrors(response.body);
  const detail = errors.length ? errors.map((e) => `${e.code}: ${e.message}`).join('; ') : response.body.slice(0, 300);
  const hint = response.status === 404 ? failure.notFoundHint : response.status === 403 ? failure.forbiddenHint : '';
  throw new CliError(`HTTP ${response.status} from ${request.path}: ${detail}${hint}`, EXIT.FAILED, failure.name, {
    httpStatus: response.status,
    errors
  });
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}
