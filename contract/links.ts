/**
 * The link policy of the contract: which `url` values become a link a rep can click ("Open in Modjo" and the
 * highlight, topic and comment links built from it). Stated the same way in Apex (LinkPolicy.cls) and in the LWC
 * (modjoFormat.safeUrl); the conformance vectors (contract/examples/conformance/links.json) hold the three to the
 * same answers.
 *
 * A link is kept when, and only when:
 * 1. it starts with `https://` (the scheme in any case: `HTTPS://` too);
 * 2. it holds no character from U+0000 to U+0020 (controls and space), no U+007F and no backslash;
 * 3. its authority (after `https://`, up to the first `/`, `?` or `#`) is a bare host: no `@` (user info), no `:`
 *    (no port, not even `:443`), no `[` (IP literal), no `%`;
 * 4. the host is dot-separated labels of ASCII letters, digits and hyphens, none empty (so no trailing dot);
 *    internationalised hosts are written in punycode (`xn--…`): a Unicode host is never kept;
 * 5. the host, in lower case, is allowed by the host list (allowedHostsOf).
 *
 * Anything else (http, `javascript:`, `data:`, relative, empty, another host) is dropped: the call is accepted, the
 * value is not stored and a LINK_DROPPED warning names its JSON path.
 *
 * Host list (the `Allowed_Link_Hosts__c` setting): entries separated by commas, semicolons or white space, each
 * either an exact host (`app.modjo.ai`: that host only) or `*.` then a domain (`*.modjo.ai`: any host ending in
 * `.modjo.ai`, not `modjo.ai` itself). Entries are compared in lower case. An entry of any other shape (a scheme,
 * a path, a port, a `*` elsewhere, a Unicode host) allows nothing and is reported by the settings check. A blank
 * setting means the default list. The TS validator runs offline, without an org's settings: it always applies
 * DEFAULT_ALLOWED_LINK_HOSTS, and so do the conformance vectors.
 */

/** Modjo's link hosts, the default of `Allowed_Link_Hosts__c` (the shipped Default record holds the same value). */
export const DEFAULT_ALLOWED_LINK_HOSTS = 'app.modjo.ai';

/** One allowed host: exact, or a suffix (`*.modjo.ai` is stored as suffix `.modjo.ai`). */
export interface HostRule {
  host: string;
  suffix: boolean;
}

/** ASCII letters in either case, tested before lower-casing: no Unicode letter (K, the Kelvin sign) turns ASCII. */
const LABELS = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/;
const SCHEME = 'https://';

/**
 * Whether a host list entry is well formed (an exact host or `*.` then a domain of at least two labels).
 * @param entry one entry, already trimmed
 * @returns true when well formed
 */
export function isValidHostEntry(entry: string): boolean {
  if (entry.startsWith('*.')) {
    const domain = entry.slice(2);
    return LABELS.test(domain) && domain.includes('.');
  }
  return LABELS.test(entry);
}

/**
 * The entries of a host list setting.
 * @param setting the setting's text (blank: the default list)
 * @returns the entries as written, trimmed, empty ones left out
 */
export function hostEntries(setting: string | null | undefined): string[] {
  const text = setting && setting.trim() !== '' ? setting : DEFAULT_ALLOWED_LINK_HOSTS;
  // The separators of Apex's split('[,;\\s]+'): Java's \s is ASCII white space only, JavaScript's is wider.
  return text.split(/[,;\t\n\u000b\f\r ]+/).filter((entry) => entry !== '');
}

/**
 * The rules of a host list setting; malformed entries allow nothing.
 * @param setting the setting's text (blank: the default list)
 * @returns the rules
 */
export function allowedHostsOf(setting: string | null | undefined): HostRule[] {
  return hostEntries(setting)
    .filter(isValidHostEntry)
    .map((entry) => {
      const lower = entry.toLowerCase();
      return lower.startsWith('*.') ? { host: lower.slice(1), suffix: true } : { host: lower, suffix: false };
    });
}

/**
 * The host of a link when its shape passes rules 1 to 4, in lower case.
 * @param url the value
 * @returns the host, or undefined
 */
export function linkHost(url: string): string | undefined {
  if (url.length <= SCHEME.length || url.slice(0, SCHEME.length).toLowerCase() !== SCHEME) {
    return undefined;
  }
  for (let i = 0; i < url.length; i++) {
    const code = url.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || code === 0x5c) {
      return undefined;
    }
  }
  const rest = url.slice(SCHEME.length);
  const end = rest.search(/[/?#]/);
  const host = end === -1 ? rest : rest.slice(0, end);
  return LABELS.test(host) ? host.toLowerCase() : undefined;
}

/**
 * Whether a host is allowed by the rules.
 * @param host a lower-case host
 * @param rules the allowed hosts
 * @returns true when allowed
 */
export function isAllowedHost(host: string, rules: readonly HostRule[]): boolean {
  return rules.some((rule) =>
    rule.suffix ? host.endsWith(rule.host) && host.length > rule.host.length : host === rule.host
  );
}

/**
 * Whether a link is kept under a host list.
 * @param url the value
 * @param rules the allowed hosts (default: DEFAULT_ALLOWED_LINK_HOSTS)
 * @returns true when kept
 */
export function isAllowedLink(url: string, rules: readonly HostRule[] = allowedHostsOf(undefined)): boolean {
  const host = linkHost(url);
  return host !== undefined && isAllowedHost(host, rules);
}

/**
 * The LINK_DROPPED message of a property.
 * @param label the property (`url`)
 * @returns the message
 */
export function linkDroppedMessage(label: string): string {
  return (
    `${label} was dropped: only https links to the allowed hosts are kept (Allowed Link Hosts setting; ` +
    `default ${DEFAULT_ALLOWED_LINK_HOSTS}). The call was saved without it.`
  );
}
