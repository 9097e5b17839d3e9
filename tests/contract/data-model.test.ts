/**
 * Data model consistency, offline: the objects in force-app match the data model of docs/architecture.md, every
 * field is documented, the payload schema points at real fields with the same limits, and the layouts, list
 * views, report types and permission sets only reference fields, classes, pages, tabs and custom permissions
 * that exist (a wrong name here only fails at deploy time, in an org we do not have).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import schema from '../../contract/call-payload.schema.json';

const ROOT = path.join(__dirname, '../..');
const SRC = path.join(ROOT, 'force-app/main/default');
const OBJECTS = [
  'Call__c',
  'Call_Participant__c',
  'Call_Topic__c',
  'Call_Highlight__c',
  'CRM_Filling_Answer__c',
  'Inbox_Item__c',
  'Erasure__c'
];
const STANDARD_FIELDS = new Set(['Name', 'OwnerId', 'Owner', 'CreatedById', 'LastModifiedById', 'CreatedDate']);
const LIST_VIEW_COLUMNS = new Set(['NAME', 'OWNER.ALIAS', 'LAST_UPDATE', 'CREATED_DATE']);
/** Standard related lists of a layout: field history, files. */
const STANDARD_RELATED_LISTS = new Set(['RelatedEntityHistoryList', 'RelatedFileList']);
/** Standard columns of a report on a custom object (report type CustomEntity$Object__c). */
const REPORT_COLUMNS = new Set(['CUST_NAME', 'CUST_OWNER_NAME', 'CUST_CREATED_DATE']);

interface Field {
  name: string;
  xml: string;
  type: string;
  length?: number;
  required: boolean;
}

const read = (file: string): string => readFileSync(file, 'utf8');
const tag = (xml: string, name: string): string | undefined =>
  new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1].trim();
const tags = (xml: string, name: string): string[] =>
  [...xml.matchAll(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, 'g'))].map((m) => m[1].trim());

function fieldsOf(object: string): Map<string, Field> {
  const dir = path.join(SRC, 'objects', object, 'fields');
  const fields = new Map<string, Field>();
  for (const file of readdirSync(dir)) {
    const xml = read(path.join(dir, file));
    const length = tag(xml, 'length');
    fields.set(file.replace('.field-meta.xml', ''), {
      name: file.replace('.field-meta.xml', ''),
      xml,
      type: tag(xml, 'type') as string,
      length: length === undefined ? undefined : Number(length),
      required: tag(xml, 'required') === 'true' || tag(xml, 'type') === 'MasterDetail'
    });
  }
  return fields;
}

const model = new Map(OBJECTS.map((o) => [o, fieldsOf(o)]));
const hasField = (object: string, field: string): boolean =>
  STANDARD_FIELDS.has(field) || (model.get(object)?.has(field) ?? false);

/** Backticked `X__c` names in the section of docs/architecture.md that documents an object. */
function documentedFields(object: string): Set<string> {
  const doc = read(path.join(ROOT, 'docs/architecture.md'));
  const start = doc.indexOf(`### \`${object}\``);
  const end = doc.indexOf('\n### ', start + 1);
  const section = doc.slice(start, end === -1 ? undefined : end);
  const names = [...section.matchAll(/`([A-Z][A-Za-z0-9_]*__c)`/g)].map((m) => m[1]);
  return new Set(names);
}

describe('objects of the data model', () => {
  it.each(OBJECTS)('%s has exactly the fields of docs/architecture.md', (object) => {
    const source = [...(model.get(object) as Map<string, Field>).keys()].sort();
    const documented = [...documentedFields(object)].filter((n) => n !== object).sort();
    // every object but the call and the erasure audit has a Call__c lookup or master-detail
    const standalone = object === 'Call__c' || object === 'Erasure__c';
    const expected = standalone ? documented : [...new Set([...documented, 'Call__c'])].sort();
    expect(source).toEqual(expected);
  });

  it.each(OBJECTS)('%s and its fields carry a description and help text', (object) => {
    const objectXml = read(path.join(SRC, 'objects', object, `${object}.object-meta.xml`));
    expect(tag(objectXml, 'description')).toBeTruthy();
    const missing = [...(model.get(object) as Map<string, Field>).values()]
      .filter((f) => !tag(f.xml, 'description') || !tag(f.xml, 'inlineHelpText'))
      .map((f) => f.name);
    expect(missing).toEqual([]);
  });

  it('gives long text areas visible lines, formulas a blank policy and roll-ups a master-detail', () => {
    const problems: string[] = [];
    for (const [object, fields] of model) {
      for (const f of fields.values()) {
        if (f.type === 'LongTextArea' && !tag(f.xml, 'visibleLines')) problems.push(`${object}.${f.name} visibleLines`);
        if (tag(f.xml, 'formula') && !tag(f.xml, 'formulaTreatBlanksAs')) problems.push(`${object}.${f.name} blanks`);
        if (f.type === 'Summary') {
          const [child, key] = (tag(f.xml, 'summaryForeignKey') as string).split('.');
          if (model.get(child)?.get(key)?.type !== 'MasterDetail') problems.push(`${object}.${f.name} roll-up`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps Call__c private with its Apex sharing reason and the children controlled by their call', () => {
    const sharing = (o: string): string | undefined =>
      tag(read(path.join(SRC, 'objects', o, `${o}.object-meta.xml`)), 'sharingModel');
    // The default a managed package ships: subscribers open it up if they want, the package never does.
    expect(sharing('Call__c')).toBe('Private');
    const reason = path.join(
      SRC,
      'objects',
      'Call__c',
      'sharingReasons',
      'Linked_Record_Owner__c.sharingReason-meta.xml'
    );
    expect((tag(read(reason), 'label') ?? '').length).toBeLessThanOrEqual(40);
    expect(['Call_Participant__c', 'Call_Topic__c', 'Call_Highlight__c'].map(sharing)).toEqual([
      'ControlledByParent',
      'ControlledByParent',
      'ControlledByParent'
    ]);
    expect(sharing('Inbox_Item__c')).toBe('Private');
    expect(sharing('Erasure__c')).toBe('Private');
  });

  it('makes the upsert keys unique, case-sensitive external ids', () => {
    const keys: [string, string][] = [
      ['Call__c', 'Modjo_Call_Id__c'],
      ['Call_Participant__c', 'Participant_Key__c'],
      ['Call_Topic__c', 'Topic_Key__c'],
      ['Call_Highlight__c', 'Highlight_Key__c']
    ];
    for (const [object, field] of keys) {
      const xml = model.get(object)?.get(field)?.xml ?? '';
      expect([tag(xml, 'externalId'), tag(xml, 'unique'), tag(xml, 'caseSensitive')]).toEqual(['true', 'true', 'true']);
    }
  });
});

describe('payload schema ↔ fields', () => {
  const FIXED_LENGTH: Record<string, number> = { Email: 80, Phone: 40, Url: 255 };

  function* annotated(node: unknown): Generator<Record<string, unknown>> {
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record['x-salesforce-field'] === 'string') yield record;
    for (const value of Object.values(record)) yield* annotated(value);
  }

  it('points x-salesforce-field at existing fields whose length equals the schema limit', () => {
    const problems: string[] = [];
    for (const property of annotated(schema)) {
      const [object, field] = String(property['x-salesforce-field']).split('.');
      if (!hasField(object, field)) {
        problems.push(`${object}.${field} does not exist`);
        continue;
      }
      const limit = (property.maxLength ?? property['x-salesforce-maxLength']) as number | undefined;
      if (limit === undefined || property.type !== 'string') continue;
      const f = model.get(object)?.get(field);
      const length = field === 'Name' ? 80 : (f?.length ?? FIXED_LENGTH[f?.type ?? '']);
      if (length !== limit) problems.push(`${object}.${field}: field ${length}, schema ${limit}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('layouts, list views, compact layouts and report types', () => {
  it('reference existing fields only', () => {
    const problems: string[] = [];
    for (const file of readdirSync(path.join(SRC, 'layouts'))) {
      const object = file.split('-')[0];
      const xml = read(path.join(SRC, 'layouts', file));
      for (const field of tags(xml, 'field')) {
        if (!hasField(object, field)) problems.push(`${file}: ${field}`);
      }
      for (const list of tags(xml, 'relatedList')) {
        if (STANDARD_RELATED_LISTS.has(list)) continue;
        const [child, key] = list.split('.');
        if (!hasField(child, key)) problems.push(`${file}: related list ${list}`);
      }
    }
    for (const object of OBJECTS) {
      for (const kind of ['listViews', 'compactLayouts']) {
        const dir = path.join(SRC, 'objects', object, kind);
        if (!existsSync(dir)) continue;
        for (const file of readdirSync(dir)) {
          const xml = read(path.join(dir, file));
          for (const field of [...tags(xml, 'columns'), ...tags(xml, 'field'), ...tags(xml, 'fields')]) {
            if (!LIST_VIEW_COLUMNS.has(field) && !hasField(object, field)) problems.push(`${object}/${file}: ${field}`);
          }
        }
      }
    }
    // Child relationships of Call__c, read from the children's lookup and master-detail fields.
    const relationshipOwner: Record<string, string> = {};
    for (const object of OBJECTS) {
      const dir = path.join(SRC, 'objects', object, 'fields');
      if (!existsSync(dir)) continue;
      for (const file of readdirSync(dir)) {
        const xml = read(path.join(dir, file));
        const name = tag(xml, 'relationshipName');
        if (tag(xml, 'referenceTo') === 'Call__c' && name) relationshipOwner[`${name}__r`] = object;
      }
    }
    for (const file of readdirSync(path.join(SRC, 'reportTypes'))) {
      const xml = read(path.join(SRC, 'reportTypes', file));
      for (const column of tags(xml, 'columns')) {
        const table = tag(column, 'table') as string;
        const field = tag(column, 'field') as string;
        const object = table === 'Call__c' ? 'Call__c' : relationshipOwner[table.split('.')[1]];
        if (!object || !hasField(object, field)) problems.push(`${file}: ${table} ${field}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('ships reports on existing report types and fields, and a dashboard on those reports', () => {
    const problems: string[] = [];
    const folder = path.join(SRC, 'reports', 'Modjo_Reports');
    const reports = readdirSync(folder).map((f) => f.replace('.report-meta.xml', ''));
    for (const name of reports) {
      const xml = read(path.join(folder, `${name}.report-meta.xml`));
      const type = tag(xml, 'reportType') as string;
      const custom = type.startsWith('CustomEntity$');
      if (custom && !OBJECTS.includes(type.slice('CustomEntity$'.length))) problems.push(`${name}: ${type}`);
      if (!custom && !existsSync(path.join(SRC, 'reportTypes', `${type.replace(/__c$/, '')}.reportType-meta.xml`)))
        problems.push(`${name}: report type ${type}`);
      const referenced = [...tags(xml, 'field'), ...tags(xml, 'column'), ...tags(xml, 'dateColumn')];
      for (const column of referenced) {
        if (REPORT_COLUMNS.has(column)) continue;
        const [object, rest] = column.split('.');
        const [relationship, childField] = rest.split('$');
        const child = {
          Topics__r: 'Call_Topic__c',
          Participants__r: 'Call_Participant__c',
          Highlights__r: 'Call_Highlight__c'
        }[relationship];
        const ok = childField ? child !== undefined && hasField(child, childField) : hasField(object, rest);
        if (!ok) problems.push(`${name}: ${column}`);
      }
    }
    expect(problems).toEqual([]);
    expect(reports.sort()).toEqual(['Calls_by_Match_Status', 'Calls_per_Rep', 'Calls_per_Topic', 'Failed_Inbox_Items']);
    const dashboard = read(path.join(SRC, 'dashboards', 'Modjo_Dashboards', 'Modjo_Overview.dashboard-meta.xml'));
    expect(tags(dashboard, 'report').sort()).toEqual(reports.map((r) => `Modjo_Reports/${r}`).sort());
  });

  it('tracks the history of the call links and lists the files of inbox items', () => {
    const call = read(path.join(SRC, 'objects', 'Call__c', 'Call__c.object-meta.xml'));
    expect(tag(call, 'enableHistory')).toBe('true');
    const tracked = [...(model.get('Call__c') as Map<string, Field>).values()]
      .filter((f) => tag(f.xml, 'trackHistory') === 'true')
      .map((f) => f.name)
      .sort();
    expect(tracked).toEqual(['Account__c', 'Contact__c', 'Lead__c', 'Opportunity__c']);
    const inbox = read(path.join(SRC, 'layouts', 'Inbox_Item__c-Modjo Inbox Item Layout.layout-meta.xml'));
    expect(tags(inbox, 'relatedList')).toContain('RelatedFileList');
  });

  it('has the list views the admins and reps use', () => {
    const views = (o: string): string[] => readdirSync(path.join(SRC, 'objects', o, 'listViews')).sort();
    expect(views('Call__c')).toEqual([
      'All_Calls.listView-meta.xml',
      'Calls_To_Rematch.listView-meta.xml',
      'My_Calls.listView-meta.xml',
      'Unmatched_Calls.listView-meta.xml'
    ]);
    expect(views('Inbox_Item__c')).toEqual(
      expect.arrayContaining(['Failed.listView-meta.xml', 'Pending.listView-meta.xml'])
    );
  });
});

describe('permission sets', () => {
  const SETS = ['Modjo_Integration', 'Modjo_User', 'Modjo_Admin'];
  const xmlOf = (name: string): string => read(path.join(SRC, 'permissionsets', `${name}.permissionset-meta.xml`));
  const classExists = (name: string): boolean =>
    readdirSync(path.join(SRC, 'classes'), { recursive: true }).some((f) => path.basename(String(f)) === `${name}.cls`);

  it.each(SETS)('%s references existing fields, never required or master-detail ones', (name) => {
    const problems: string[] = [];
    for (const fp of tags(xmlOf(name), 'fieldPermissions')) {
      const [object, field] = (tag(fp, 'field') as string).split('.');
      const f = model.get(object)?.get(field);
      if (!f) problems.push(`${object}.${field} unknown`);
      else if (f.required) problems.push(`${object}.${field} is required or master-detail`);
      else if (tag(fp, 'editable') === 'true' && (tag(f.xml, 'formula') || f.type === 'Summary'))
        problems.push(`${object}.${field} is computed but editable`);
    }
    expect(problems).toEqual([]);
  });

  it.each(SETS)('%s references existing classes, pages, tabs and custom permissions; description ≤ 255', (name) => {
    const xml = xmlOf(name);
    const missing = [
      ...tags(xml, 'apexClass').filter((c) => !classExists(c)),
      ...tags(xml, 'apexPage').filter((p) => !existsSync(path.join(SRC, 'pages', `${p}.page`))),
      ...tags(xml, 'tab').filter((t) => !existsSync(path.join(SRC, 'tabs', `${t}.tab-meta.xml`))),
      ...tags(tags(xml, 'customPermissions').join(''), 'name').filter(
        (p) => !existsSync(path.join(SRC, 'customPermissions', `${p}.customPermission-meta.xml`))
      )
    ];
    expect(missing).toEqual([]);
    // raw length, line breaks and indentation of the formatted XML included
    expect((tag(xml, 'description') as string).length).toBeLessThanOrEqual(255);
  });

  it.each(SETS)('%s keeps object permission dependencies (Modify All needs Delete and View All)', (name) => {
    const problems: string[] = [];
    for (const op of tags(xmlOf(name), 'objectPermissions')) {
      const flag = (key: string): boolean => tag(op, key) === 'true';
      const object = tag(op, 'object');
      if (flag('modifyAllRecords') && !(flag('allowDelete') && flag('viewAllRecords') && flag('allowEdit')))
        problems.push(`${object}: Modify All without Delete, Edit or View All`);
      if ((flag('viewAllRecords') || flag('allowEdit') || flag('allowCreate')) && !flag('allowRead'))
        problems.push(`${object}: access without Read`);
      if (flag('allowDelete') && !flag('allowEdit')) problems.push(`${object}: Delete without Edit`);
    }
    expect(problems).toEqual([]);
  });

  it('gives the integration user and the admin every field of the package objects', () => {
    for (const name of ['Modjo_Integration', 'Modjo_Admin']) {
      const granted = new Set(tags(xmlOf(name), 'fieldPermissions').map((fp) => tag(fp, 'field')));
      const expected = [...model].flatMap(([object, fields]) =>
        [...fields.values()].filter((f) => !f.required).map((f) => `${object}.${f.name}`)
      );
      expect(expected.filter((f) => !granted.has(f))).toEqual([]);
    }
  });

  it('lets only the integration user edit the bookkeeping fields, read-only on the call layout', () => {
    // Review R6: these fields steer system-mode reads, updates and deletes (ActivityAccess, ModjoNotes,
    // ErasureRecords); replays and sweeps write them through CallBookkeeping, never with a person's edit access.
    const bookkeeping = read(path.join(SRC, 'classes/matching/CallBookkeeping.cls'));
    // The FIELDS list only: REMATCH_MARK, cleared by the same class, is not bookkeeping (Modjo Admin edits it).
    const list = /FIELDS = new List<Schema\.SObjectField>\{([^}]*)\}/.exec(bookkeeping);
    expect(list).not.toBeNull();
    const fields = [...list![1].matchAll(/Call__c\.(\w+__c)/g)].map((m) => m[1]);
    expect(fields.sort()).toEqual([
      'Activity_Created__c',
      'Auto_Links__c',
      'Deleted_At__c',
      'Event_Id__c',
      'Is_Deleted__c',
      'Note_Id__c',
      'Task_Id__c'
    ]);
    for (const name of SETS) {
      const editable = tags(xmlOf(name), 'fieldPermissions')
        .filter((fp) => tag(fp, 'editable') === 'true')
        .map((fp) => tag(fp, 'field'));
      const wrong = fields.filter((f) => editable.includes(`Call__c.${f}`));
      expect({ name, wrong }).toEqual({ name, wrong: name === 'Modjo_Integration' ? fields : [] });
    }
    const layout = read(path.join(SRC, 'layouts', 'Call__c-Modjo Call Layout.layout-meta.xml'));
    const editableOnLayout = tags(layout, 'layoutItems')
      .filter((item) => fields.includes(tag(item, 'field') as string) && tag(item, 'behavior') !== 'Readonly')
      .map((item) => tag(item, 'field'));
    expect(editableOnLayout).toEqual([]);
  });

  it('lets only admins, who re-match, edit the re-match mark; a match clears it through CallBookkeeping', () => {
    const bookkeeping = read(path.join(SRC, 'classes/matching/CallBookkeeping.cls'));
    const list = /REMATCH_MARK = new List<Schema\.SObjectField>\{([^}]*)\}/.exec(bookkeeping);
    expect(list).not.toBeNull();
    const mark = [...list![1].matchAll(/Call__c\.(\w+__c)/g)].map((m) => m[1]).sort();
    expect(mark).toEqual(['Rematch_Error__c', 'Rematch_Tried_At__c']);
    for (const name of SETS) {
      const editable = tags(xmlOf(name), 'fieldPermissions')
        .filter((fp) => tag(fp, 'editable') === 'true')
        .map((fp) => tag(fp, 'field'));
      expect({ name, editable: mark.filter((f) => editable.includes(`Call__c.${f}`)) }).toEqual({
        name,
        editable: name === 'Modjo_Admin' ? mark : []
      });
    }
  });

  it('keeps reps away from the inbox and lets only the integration user call the API', () => {
    expect(xmlOf('Modjo_User')).not.toContain('Inbox_Item__c');
    expect(xmlOf('Modjo_User')).not.toContain('Modjo_Ingest');
    // Least privilege (issue 15 item 6): an admin never posts calls under reps' names.
    expect(xmlOf('Modjo_Admin')).not.toContain('<name>Modjo_Ingest</name>');
    expect(tags(xmlOf('Modjo_Integration'), 'apexClass').sort()).toEqual([
      'CallsResource',
      'ErasuresResource',
      'HealthResource',
      'LookupResource',
      'MatchPreviewResource'
    ]);
  });

  it('grants reading CRM data out to Modjo (lookup, match preview) to the integration user and admins only', () => {
    expect(xmlOf('Modjo_Integration')).toContain('<name>Modjo_Read_Context</name>');
    expect(xmlOf('Modjo_Admin')).toContain('<name>Modjo_Read_Context</name>');
    expect(tags(xmlOf('Modjo_Admin'), 'apexClass')).toEqual(
      expect.arrayContaining(['LookupResource', 'MatchPreviewResource'])
    );
    expect(xmlOf('Modjo_User')).not.toContain('Modjo_Read_Context');
    expect(tags(xmlOf('Modjo_User'), 'apexClass')).not.toContain('LookupResource');
  });
});
