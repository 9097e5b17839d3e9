/**
 * Unit tests of the workbench build helpers (no browser): label parsing, component discovery, fixture references
 * in scenario files, and the static server's path handling.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeXmlText, parseCustomLabels } from '../../workbench/src/labels';
import { discoverComponents, tagName } from '../../workbench/src/discover';
import { loadScenarioFile, resolveFixtures } from '../../workbench/src/scenarios';
import { apexMethodKey } from '../../workbench/src/plugins';
import { fileFor } from '../../workbench/src/server';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-test-'));
}

describe('custom labels', () => {
  test('reads the English value of every label, decoding entities and CDATA', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata">
    <labels>
        <fullName>Cards_Title</fullName>
        <language>en_US</language>
        <protected>true</protected>
        <shortDescription>Title &amp; more</shortDescription>
        <value>Calls &amp; meetings &lt;b&gt; &#233;&#x4E2D;</value>
    </labels>
    <labels>
        <fullName>Cards_Raw</fullName>
        <value><![CDATA[Tom & Jerry <3]]></value>
    </labels>
</CustomLabels>`;
    const labels = parseCustomLabels(xml);
    expect(labels.get('Cards_Title')).toBe('Calls & meetings <b> é中');
    expect(labels.get('Cards_Raw')).toBe('Tom & Jerry <3');
    expect(labels.size).toBe(2);
  });

  test('leaves unknown entities as they are', () => {
    expect(decodeXmlText('a &nbsp; b')).toBe('a &nbsp; b');
  });
});

describe('component discovery', () => {
  test('finds TypeScript bundles by folder, ignores generated .js-only and test folders', () => {
    const root = tempDir();
    for (const [name, files] of Object.entries({
      callCard: ['callCard.ts', 'callCard.html', 'callCard.js'],
      modjoFormat: ['modjoFormat.ts'],
      legacyJs: ['legacyJs.js', 'legacyJs.html'],
      __tests__: ['x.ts']
    })) {
      fs.mkdirSync(path.join(root, name));
      files.forEach((file) => fs.writeFileSync(path.join(root, name, file), ''));
    }
    const found = discoverComponents([root, path.join(root, 'missing')]);
    expect(found.map((c) => [c.name, c.tag, c.hasTemplate])).toEqual([
      ['callCard', 'c-call-card', true],
      ['modjoFormat', 'c-modjo-format', false]
    ]);
  });

  test('kebab-cases tag names', () => {
    expect(tagName('callDetailV2')).toBe('c-call-detail-v2');
  });

  test('keys Apex methods without the package namespace', () => {
    expect(apexMethodKey('CallCardsController.getCalls')).toBe('CallCardsController.getCalls');
    expect(apexMethodKey('modjo.CallCardsController.getCalls')).toBe('CallCardsController.getCalls');
  });
});

describe('scenario files', () => {
  const fixtures = tempDir();
  fs.mkdirSync(path.join(fixtures, 'cards'));
  fs.writeFileSync(
    path.join(fixtures, 'cards', 'page.json'),
    JSON.stringify({
      calls: [
        { id: 'a1', title: 'Café' },
        { id: 'a2', title: 'Straße' }
      ]
    })
  );

  test('replaces $fixture references, with a path, repeats and $as', () => {
    const resolved = resolveFixtures(
      {
        one: { $fixture: 'cards/page.json', $path: 'calls.1.title' },
        many: { $fixture: 'cards/page.json', $path: 'calls', $repeat: 5, $as: 'call' }
      },
      fixtures,
      'test'
    ) as { one: string; many: Array<{ call: { id: string } }> };
    expect(resolved.one).toBe('Straße');
    expect(resolved.many.map((p) => p.call.id)).toEqual(['a1', 'a2', 'a1-2', 'a2-3', 'a1-4']);
  });

  test('merges overrides into a fixture object', () => {
    const resolved = resolveFixtures(
      { $fixture: 'cards/page.json', $path: 'calls.0', $merge: { title: 'Deleted', isDeleted: true } },
      fixtures,
      'test'
    );
    expect(resolved).toEqual({ id: 'a1', title: 'Deleted', isDeleted: true });
    expect(() => resolveFixtures({ $fixture: 'cards/page.json', $path: 'calls', $merge: {} }, fixtures, 'x')).toThrow(
      '$merge needs an object'
    );
  });

  test('rejects a missing fixture, a wrong path and a path outside the fixtures folder', () => {
    expect(() => resolveFixtures({ $fixture: 'cards/none.json' }, fixtures, 'x')).toThrow('fixture not found');
    expect(() => resolveFixtures({ $fixture: 'cards/page.json', $path: 'calls.9' }, fixtures, 'x')).toThrow(
      'no value at path'
    );
    expect(() => resolveFixtures({ $fixture: '../etc/passwd' }, fixtures, 'x')).toThrow('leaves the fixtures folder');
  });

  test('checks ids and titles', () => {
    const dir = tempDir();
    const file = path.join(dir, 's.json');
    fs.writeFileSync(file, JSON.stringify({ scenarios: [{ id: 'Bad Id', title: 'x' }] }));
    expect(() => loadScenarioFile(file, fixtures, dir)).toThrow('kebab-case');
    fs.writeFileSync(
      file,
      JSON.stringify({
        scenarios: [
          { id: 'a', title: 'x' },
          { id: 'a', title: 'y' }
        ]
      })
    );
    expect(() => loadScenarioFile(file, fixtures, dir)).toThrow('duplicate id');
    fs.writeFileSync(file, JSON.stringify({ scenarios: [{ id: 'a', title: 'A', props: { n: 1 } }] }));
    expect(loadScenarioFile(file, fixtures, dir)).toEqual([{ id: 'a', title: 'A', props: { n: 1 }, source: 's.json' }]);
  });

  test('every scenario file of the repository resolves', () => {
    const repo = path.resolve(__dirname, '..', '..');
    const dir = path.join(repo, 'workbench', 'scenarios');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      expect(loadScenarioFile(path.join(dir, file), path.join(repo, 'fixtures'), repo).length).toBeGreaterThan(0);
    }
  });
});

describe('static server paths', () => {
  test('serves files under the root only', () => {
    const root = '/srv/wb';
    expect(fileFor(root, '/')).toBe('/srv/wb/index.html');
    expect(fileFor(root, '/callCard.html?scenario=x')).toBe('/srv/wb/callCard.html');
    expect(fileFor(root, '/../secret')).toBe('/srv/wb/secret');
    expect(fileFor(root, '/..%2F..%2Fetc%2Fpasswd')).toBeUndefined();
    expect(fileFor(root, '/%E0%A4%A')).toBeUndefined();
  });
});
