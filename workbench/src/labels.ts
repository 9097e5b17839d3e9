/**
 * Reads the English custom label values from the package's CustomLabels file so that the workbench shows the same
 * text as an org. The file is plain Salesforce metadata XML: one `<labels>` element per label with `<fullName>` and
 * `<value>` children. It is parsed here with a small, strict scanner (no XML dependency) at build time.
 */
import fs from 'node:fs';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML character data: CDATA sections, the five named entities and numeric character references. */
export function decodeXmlText(raw: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/.exec(raw);
  if (cdata) {
    return cdata[1];
  }
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) {
      return String.fromCodePoint(parseInt(ref.slice(2), 16));
    }
    if (ref.startsWith('#')) {
      return String.fromCodePoint(parseInt(ref.slice(1), 10));
    }
    return ENTITIES[ref] ?? whole;
  });
}

function childText(block: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(block);
  return match ? decodeXmlText(match[1]) : undefined;
}

/** Parses the text of a `CustomLabels.labels-meta.xml` file into a map of label API name to English value. */
export function parseCustomLabels(xml: string): Map<string, string> {
  const labels = new Map<string, string>();
  const blocks = xml.match(/<labels>[\s\S]*?<\/labels>/g) ?? [];
  for (const block of blocks) {
    const name = childText(block, 'fullName')?.trim();
    const value = childText(block, 'value');
    if (name && value !== undefined) {
      labels.set(name, value);
    }
  }
  return labels;
}

/** Reads the labels file; a missing file gives an empty map (every label then falls back to its name). */
export function readCustomLabels(file: string): Map<string, string> {
  if (!fs.existsSync(file)) {
    return new Map();
  }
  return parseCustomLabels(fs.readFileSync(file, 'utf8'));
}

/**
 * Reads the custom label translations of a `<language>.translation-meta.xml` file: label API name to translated
 * value (`<customLabels>` with `<label>` and `<name>`).
 */
export function readTranslatedLabels(file: string): Map<string, string> {
  const labels = new Map<string, string>();
  for (const block of fs.readFileSync(file, 'utf8').match(/<customLabels>[\s\S]*?<\/customLabels>/g) ?? []) {
    const name = childText(block, 'name')?.trim();
    const value = childText(block, 'label');
    if (name && value !== undefined) {
      labels.set(name, value);
    }
  }
  return labels;
}
