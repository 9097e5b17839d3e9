import {
  DEFAULT_ALLOWED_LINK_HOSTS,
  allowedHostsOf,
  hostEntries,
  isAllowedLink,
  isValidHostEntry,
  linkHost
} from '../../contract/links';

describe('contract/links.ts: the link policy', () => {
  it('reads a host list separated by commas, semicolons and white space; blank means the default list', () => {
    expect(hostEntries(' app.modjo.ai, *.modjo.ai;eu.example.com\nx.y ')).toEqual([
      'app.modjo.ai',
      '*.modjo.ai',
      'eu.example.com',
      'x.y'
    ]);
    expect(hostEntries('')).toEqual([DEFAULT_ALLOWED_LINK_HOSTS]);
    expect(hostEntries('  ')).toEqual([DEFAULT_ALLOWED_LINK_HOSTS]);
    expect(hostEntries(null)).toEqual([DEFAULT_ALLOWED_LINK_HOSTS]);
  });

  it.each([
    ['app.modjo.ai', true],
    ['APP.Modjo.AI', true],
    ['*.modjo.ai', true],
    ['xn--80ak6aa92e.com', true],
    ['localhost', true],
    ['*.ai', false],
    ['*', false],
    ['https://app.modjo.ai', false],
    ['app.modjo.ai/calls', false],
    ['app.modjo.ai:443', false],
    ['app.*.ai', false],
    ['app.modjo.ai.', false],
    ['аpp.modjo.ai', false],
    ['', false]
  ])('host entry %j is well formed: %s', (entry, valid) => {
    expect(isValidHostEntry(entry)).toBe(valid);
  });

  it('an exact entry allows that host only; *.domain allows hosts below the domain, not the domain', () => {
    const rules = allowedHostsOf('app.modjo.ai, *.example.com, bad/entry');
    expect(rules).toEqual([
      { host: 'app.modjo.ai', suffix: false },
      { host: '.example.com', suffix: true }
    ]);
    expect(isAllowedLink('https://app.modjo.ai/c/1', rules)).toBe(true);
    expect(isAllowedLink('https://x.app.modjo.ai/c/1', rules)).toBe(false);
    expect(isAllowedLink('https://eu.example.com/c/1', rules)).toBe(true);
    expect(isAllowedLink('https://a.b.example.com/c/1', rules)).toBe(true);
    expect(isAllowedLink('https://example.com/c/1', rules)).toBe(false);
    expect(isAllowedLink('https://badexample.com/c/1', rules)).toBe(false);
    expect(isAllowedLink('https://bad/entry', rules)).toBe(false);
  });

  it('takes the host up to the first / ? or #, in lower case, and refuses any other authority', () => {
    expect(linkHost('HTTPS://App.Modjo.AI/c')).toBe('app.modjo.ai');
    expect(linkHost('https://app.modjo.ai?x=1')).toBe('app.modjo.ai');
    expect(linkHost('https://app.modjo.ai#x')).toBe('app.modjo.ai');
    expect(linkHost('https://u@app.modjo.ai/')).toBeUndefined();
    expect(linkHost('https://app.modjo.ai:443/')).toBeUndefined();
    expect(linkHost('https://[::1]/')).toBeUndefined();
    expect(linkHost('https://')).toBeUndefined();
    expect(linkHost('http://app.modjo.ai/')).toBeUndefined();
  });

  it('never lets a Unicode letter lower-case into an allowed ASCII host (the Kelvin sign K becomes k)', () => {
    const rules = allowedHostsOf('kit.example.com');
    expect(isAllowedLink('https://kit.example.com/', rules)).toBe(true);
    expect(isAllowedLink('https://\u212Ait.example.com/', rules)).toBe(false);
    expect(isValidHostEntry('\u212Ait.example.com')).toBe(false);
    expect(linkHost('http\u017F://app.modjo.ai/')).toBeUndefined();
  });

  it('uses the default host list when none is given', () => {
    expect(isAllowedLink('https://app.modjo.ai/calls/1')).toBe(true);
    expect(isAllowedLink('https://evil.example/calls/1')).toBe(false);
  });
});
