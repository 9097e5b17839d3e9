/**
 * How modjo-sf talks to an org. The push engine only sees `Transport`; two implementations:
 * - `HttpTransport`: HTTPS to an instance URL with a bearer token (plain HTTP only to this machine: the fake org in
 *   tests);
 * - `createOrgTransport` (org-transport.ts): the Salesforce CLI's stored auth through @salesforce/core, which
 *   refreshes the access token when the org answers 401.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { isIPv4 } from 'node:net';
import { CliError, EXIT } from '../cli-kit';

export const API_BASE = '/services/apexrest/modjo/v1';

export interface TransportRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path below the instance URL, e.g. /services/apexrest/modjo/v1/calls. */
  path: string;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface TransportResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export type TransportFailureKind = 'timeout' | 'connection' | 'aborted';

/** The request may or may not have reached the org: the caller decides whether to retry. */
export class TransportError extends Error {
  constructor(
    message: string,
    public readonly kind: TransportFailureKind,
    public readonly code?: string
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface Transport {
  /** Where requests go (for messages and the checkpoint's target check). */
  readonly instanceUrl: string;
  readonly username?: string;
  request(request: TransportRequest): Promise<TransportResponse>;
  close(): void;
}

export interface TokenSource {
  token(): string;
  /** Gets a fresh token after a 401; resolves false when it cannot. */
  refresh?(): Promise<boolean>;
}

/**
 * The instance URL, refused unless the bearer token travels encrypted: https, or http to this machine only
 * (127.0.0.0/8, ::1, localhost). The URL parser has already normalised the host (`127.1` → `127.0.0.1`).
 */
export function checkedInstanceUrl(instanceUrl: string): URL {
  let url: URL;
  try {
    url = new URL(instanceUrl);
  } catch {
    throw new CliError(`Invalid instance URL "${instanceUrl}"`, EXIT.USAGE, 'InvalidInstanceUrl');
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))) return url;
  throw new CliError(
    url.protocol === 'http:'
      ? `Refusing to send an access token over plain http to ${url.host}: use https (http is allowed for this machine only: 127.0.0.0/8, ::1, localhost)`
      : `Unsupported instance URL ${instanceUrl}: use https`,
    EXIT.USAGE,
    'InsecureInstanceUrl'
  );
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return host === 'localhost' || host === '::1' || (isIPv4(host) && host.startsWith('127.'));
}

export class HttpTransport implements Transport {
  private readonly url: URL;
  private readonly agent: http.Agent;

  constructor(
    public readonly instanceUrl: string,
    private readonly tokens: TokenSource,
    public readonly username?: string,
    maxSockets = 16
  ) {
    this.url = checkedInstanceUrl(instanceUrl);
    const options = { keepAlive: true, maxSockets };
    this.agent = this.url.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
  }

  async request(request: TransportRequest): Promise<TransportResponse> {
    const response = await this.once(request);
    if (response.status === 401 && this.tokens.refresh && (await this.tokens.refresh())) {
      return this.once(request);
    }
    return response;
  }

  private once(request: TransportRequest): Promise<TransportResponse> {
    const lib = this.url.protocol === 'https:' ? https : http;
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    return new Promise<TransportResponse>((resolve, reject) => {
      let settled = false;
      const fail = (error: TransportError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
        req.destroy();
        reject(error);
      };
      const req = lib.request(
        {
          protocol: this.url.protocol,
          hostname: this.url.hostname,
          port: this.url.port || undefined,
          method: request.method,
          path: `${this.url.pathname.replace(/\/$/, '')}${request.path}`,
          agent: this.agent,
          headers: {
            Authorization: `Bearer ${this.tokens.token()}`,
            Accept: 'application/json',
            'User-Agent': 'modjo-sf',
            ...(body
              ? { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(body.length) }
              : {})
          }
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('aborted', () =>
            fail(new TransportError('connection dropped while reading the answer', 'connection', 'ECONNRESET'))
          );
          res.on('error', (error: NodeJS.ErrnoException) =>
            fail(
              new TransportError(
                `connection dropped while reading the answer: ${error.message}`,
                'connection',
                error.code
              )
            )
          );
          res.on('end', () => {
            if (settled) return;
            if (!res.complete) {
              fail(new TransportError('answer ended before it was complete', 'connection', 'ECONNRESET'));
              return;
            }
            settled = true;
            clearTimeout(timer);
            request.signal?.removeEventListener('abort', onAbort);
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8')
            });
          });
        }
      );
      const timer = setTimeout(
        () => fail(new TransportError(`no answer within ${request.timeoutMs} ms`, 'timeout', 'ETIMEDOUT')),
        request.timeoutMs
      );
      const onAbort = (): void => fail(new TransportError('request aborted', 'aborted'));
      if (request.signal?.aborted) {
        onAbort();
        return;
      }
      request.signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (error: NodeJS.ErrnoException) =>
        fail(new TransportError(`connection failed: ${error.message}`, 'connection', error.code))
      );
      if (body) req.end(body);
      else req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
