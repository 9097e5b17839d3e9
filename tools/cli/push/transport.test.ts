import { startFakeOrg } from '../../fake-org/server';
import { runCli } from '../testing/harness';
import { HttpTransport, checkedInstanceUrl, isLoopback } from './transport';

const tokens = { token: () => 'secret' };

describe('instance URLs: the bearer token travels encrypted or stays on this machine', () => {
  it.each([
    'https://acme.my.salesforce.com',
    'https://acme--uat.sandbox.my.salesforce.com/',
    'http://127.0.0.1:8787',
    'http://127.42.0.9',
    'http://127.1:8080',
    'http://localhost:3000',
    'http://LOCALHOST',
    'http://[::1]:8787'
  ])('accepts %s', (url) => {
    expect(() => checkedInstanceUrl(url)).not.toThrow();
    new HttpTransport(url, tokens).close();
  });

  it.each([
    'http://acme.my.salesforce.com',
    'http://10.0.0.1',
    'http://192.168.1.20:8787',
    'http://128.0.0.1',
    'http://127.0.0.1.example.com',
    'http://localhost.example.com',
    'http://[::2]',
    'http://[::ffff:10.0.0.1]'
  ])('refuses plain http to %s', (url) => {
    expect(() => checkedInstanceUrl(url)).toThrow(
      expect.objectContaining({ errorName: 'InsecureInstanceUrl', message: expect.stringContaining('over plain http') })
    );
    expect(() => new HttpTransport(url, tokens)).toThrow(/over plain http/);
  });

  it('refuses other schemes and text that is not a URL', () => {
    expect(() => checkedInstanceUrl('ftp://127.0.0.1')).toThrow(
      expect.objectContaining({ errorName: 'InsecureInstanceUrl' })
    );
    expect(() => checkedInstanceUrl('acme.my.salesforce.com')).toThrow(
      expect.objectContaining({ errorName: 'InvalidInstanceUrl' })
    );
  });

  it('knows the loopback names', () => {
    expect(['127.0.0.1', '127.255.255.254', '[::1]', 'localhost'].every(isLoopback)).toBe(true);
    expect(['126.0.0.1', '0.0.0.0', '::', 'local', '[::ffff:7f00:1]'].some(isLoopback)).toBe(false);
  });
});

describe('access tokens: from the environment or standard input, never the command line', () => {
  it('refuses --access-token with the way to pass it instead (exit 2)', async () => {
    const out = await runCli(['status', '--instance-url', 'http://127.0.0.1:9', '--access-token', 't', '--json']);
    expect(out.code).toBe(2);
    expect(out.json).toMatchObject({ status: 2, name: 'UsageError' });
    expect(out.json?.message).toContain('MODJO_SF_ACCESS_TOKEN');
    const push = await runCli(['push', 'calls.ndjson', '--access-token', 't', '--json']);
    expect(push.json).toMatchObject({ status: 2, name: 'UsageError' });
  });

  it('reads the token from MODJO_SF_ACCESS_TOKEN or the first line of standard input', async () => {
    const org = await startFakeOrg({ token: 'stdin-token' });
    try {
      const fromEnv = await runCli(['status', '--instance-url', org.url, '--json'], {
        env: { MODJO_SF_ACCESS_TOKEN: 'stdin-token' }
      });
      expect(fromEnv.json).toMatchObject({ status: 0, result: { httpStatus: 200 } });
      const fromStdin = await runCli(['status', '--instance-url', org.url, '--access-token-stdin', '--json'], {
        stdin: 'stdin-token\nignored\n'
      });
      expect(fromStdin.json).toMatchObject({ status: 0, result: { httpStatus: 200 } });
      expect(org.state.requests).toBe(2);
    } finally {
      await org.close();
    }
  });

  it('refuses an instance URL without a token, and stdin asked for both the token and payloads', async () => {
    const none = await runCli(['status', '--instance-url', 'http://127.0.0.1:9', '--json']);
    expect(none.json).toMatchObject({ status: 2, name: 'UsageError' });
    expect(none.json?.message).toContain('--access-token-stdin');
    const both = await runCli(['push', '-', '--instance-url', 'http://127.0.0.1:9', '--access-token-stdin', '--json']);
    expect(both.json).toMatchObject({ status: 2, name: 'UsageError' });
  });

  it('refuses plain http to another machine before sending anything', async () => {
    const out = await runCli(['status', '--instance-url', 'http://example.com', '--json'], {
      env: { MODJO_SF_ACCESS_TOKEN: 't' }
    });
    expect(out.code).toBe(2);
    expect(out.json).toMatchObject({ status: 2, name: 'InsecureInstanceUrl' });
  });
});
