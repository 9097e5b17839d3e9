/**
 * The SObject schema the SOQL checker resolves names against:
 * - standard objects from apex-ls's API 65 tables (`sobject-types-65.0.0.jar`, shipped in the PMD engine's
 *   java-lib, read by ./sobject-tables.ts): one Java class per object, one public field per SObject field (a field
 *   typed as another SObject is a relationship, an array of SObjects is a child relationship);
 * - the project's objects and fields, read from `objects/<Object>/` metadata (XML) under the source folder, and the
 *   share object (`<Object>__Share`) of a custom object whose organization-wide default is Private or Public Read Only;
 * - a short supplement for objects the tables lack (ContentNote).
 * Names are matched case-insensitively, as Salesforce does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/paths';
import { SObjectTables } from './sobject-tables';
import { SOBJECT_SUPPLEMENT } from './sobject-supplement';

export const SOBJECT_JAR = path.join(
  ROOT,
  'node_modules/@salesforce/code-analyzer-pmd-engine/dist/java-lib/sobject-types-65.0.0.jar'
);
const CLASS_PREFIX = 'com/nawforce/runforce/SObjects/';
/** Compound field types in the tables: selectable as a whole, not relationships. */
const COMPOUND_TYPES = new Set(['Address', 'Location']);
/** The polymorphic "Name" pseudo-object apex-ls uses for Owner, Who, What, … */
export const POLYMORPHIC = 'Name';

export interface SObjectDescription {
  name: string;
  /** lower-case field name -> field API name */
  fields: Map<string, string>;
  /** lower-case relationship name -> target object name (POLYMORPHIC for polymorphic ones) */
  parents: Map<string, string>;
  /** lower-case child relationship name -> child object name */
  children: Map<string, string>;
}

/** Fields of a custom object's share object (Salesforce Field Reference, for example `Messaging_Session_Analysis__Share`). */
const SHARE_FIELDS = [
  'Id',
  'ParentId',
  'UserOrGroupId',
  'AccessLevel',
  'RowCause',
  'IsDeleted',
  'LastModifiedById',
  'LastModifiedDate'
];

/** Whether an object's metadata gives it a share object: a Private or Public Read Only organization-wide default. */
function hasShareObject(objectXml: string): boolean {
  return /^(Private|Read)$/.test(xmlValue(objectXml, 'sharingModel') ?? '');
}

function emptyObject(name: string): SObjectDescription {
  return { name, fields: new Map(), parents: new Map(), children: new Map() };
}

function xmlValue(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return match ? match[1].trim() : undefined;
}

/** Standard fields every custom object has (detail objects have no owner). */
function addCustomObjectStandardFields(object: SObjectDescription, isDetail: boolean, xml: string): void {
  const add = (name: string): void => void object.fields.set(name.toLowerCase(), name);
  const isMetadataType = object.name.endsWith('__mdt');
  if (isMetadataType) {
    ['Id', 'DeveloperName', 'MasterLabel', 'Label', 'Language', 'NamespacePrefix', 'QualifiedApiName'].forEach(add);
    ['SystemModstamp'].forEach(add);
    return;
  }
  ['Id', 'Name', 'CreatedById', 'CreatedDate', 'LastModifiedById', 'LastModifiedDate', 'SystemModstamp'].forEach(add);
  ['IsDeleted', 'LastViewedDate', 'LastReferencedDate', 'LastActivityDate'].forEach(add);
  object.parents.set('createdby', 'User');
  object.parents.set('lastmodifiedby', 'User');
  if (!isDetail) {
    add('OwnerId');
    object.parents.set('owner', POLYMORPHIC);
  }
  const children: Record<string, string> = {
    ContentDocumentLinks: 'ContentDocumentLink',
    AttachedContentDocuments: 'AttachedContentDocument',
    AttachedContentNotes: 'AttachedContentNote',
    CombinedAttachments: 'CombinedAttachment',
    Attachments: 'Attachment',
    Notes: 'Note',
    ProcessInstances: 'ProcessInstance'
  };
  if (xmlValue(xml, 'enableActivities') === 'true') {
    Object.assign(children, {
      Tasks: 'Task',
      Events: 'Event',
      ActivityHistories: 'ActivityHistory',
      OpenActivities: 'OpenActivity'
    });
  }
  if (xmlValue(xml, 'enableHistory') === 'true') {
    children.Histories = `${object.name.replace(/__c$/, '')}__History`;
  }
  for (const [relationship, child] of Object.entries(children)) {
    object.children.set(relationship.toLowerCase(), child);
  }
}

export class SObjectSchema {
  private readonly jar: SObjectTables;
  private readonly jarNames: Map<string, string>;
  private readonly cache = new Map<string, SObjectDescription | null>();
  private readonly project = new Map<string, SObjectDescription>();
  private readonly childExtensions = new Map<string, Map<string, string>>();

  constructor(sourceDirs: string[], jarFile = SOBJECT_JAR) {
    this.jar = new SObjectTables(jarFile);
    this.jarNames = new Map(
      this.jar
        .names()
        .filter((n) => n.startsWith(CLASS_PREFIX) && n.endsWith('.class'))
        .map((n) => n.slice(CLASS_PREFIX.length, -'.class'.length))
        .filter((n) => !n.includes('/') && !n.includes('$'))
        .map((n) => [n.toLowerCase(), n])
    );
    for (const dir of sourceDirs) {
      this.loadProjectObjects(dir);
    }
  }

  /** The description of an object, or undefined when no such object is known. */
  get(name: string): SObjectDescription | undefined {
    const key = stripNamespace(name).toLowerCase();
    if (!this.cache.has(key)) {
      this.cache.set(key, this.load(key) ?? null);
    }
    return this.cache.get(key) ?? undefined;
  }

  private load(key: string): SObjectDescription | undefined {
    const standard = this.loadStandard(key);
    const custom = this.project.get(key);
    let object: SObjectDescription | undefined;
    if (standard && custom) {
      object = standard;
      custom.fields.forEach((v, k) => object!.fields.set(k, v));
      custom.parents.forEach((v, k) => object!.parents.set(k, v));
      custom.children.forEach((v, k) => object!.children.set(k, v));
    } else {
      object = standard ?? custom;
    }
    if (object) {
      this.childExtensions.get(key)?.forEach((v, k) => object!.children.set(k, v));
    }
    return object;
  }

  private loadStandard(key: string): SObjectDescription | undefined {
    const supplement = Object.entries(SOBJECT_SUPPLEMENT).find(([name]) => name.toLowerCase() === key);
    if (supplement) {
      const object = emptyObject(supplement[0]);
      for (const [field, target] of Object.entries(supplement[1].fields)) {
        if (target) {
          object.parents.set(field.toLowerCase(), target);
        } else {
          object.fields.set(field.toLowerCase(), field);
        }
      }
      return object;
    }
    const className = this.jarNames.get(key);
    if (!className) {
      return undefined;
    }
    const object = emptyObject(className);
    for (const field of this.jar.fields(`${CLASS_PREFIX}${className}.class`)) {
      if (field.isStatic) {
        continue;
      }
      const child = /^\[L.*\/SObjects\/([^/;]+);$/.exec(field.descriptor);
      const parent = /^L.*\/SObjects\/([^/;]+);$/.exec(field.descriptor);
      if (child) {
        object.children.set(field.name.toLowerCase(), child[1]);
      } else if (parent && !COMPOUND_TYPES.has(parent[1])) {
        object.parents.set(field.name.toLowerCase(), parent[1]);
      } else {
        object.fields.set(field.name.toLowerCase(), field.name);
      }
    }
    return object;
  }

  /** Reads `<dir>/**\/objects/<Object>/` (object-meta.xml and fields/*.field-meta.xml). */
  private loadProjectObjects(dir: string): void {
    for (const objectsDir of findObjectsDirs(dir)) {
      for (const entry of fs.readdirSync(objectsDir, { withFileTypes: true })) {
        if (entry.isDirectory()) {
          this.loadProjectObject(path.join(objectsDir, entry.name));
        }
      }
    }
  }

  private loadProjectObject(objectDir: string): void {
    const name = path.basename(objectDir);
    const key = name.toLowerCase();
    const object = this.project.get(key) ?? emptyObject(name);
    this.project.set(key, object);
    const fieldsDir = path.join(objectDir, 'fields');
    const fieldFiles = fs.existsSync(fieldsDir)
      ? fs.readdirSync(fieldsDir).filter((f) => f.endsWith('.field-meta.xml'))
      : [];
    let isDetail = false;
    for (const file of fieldFiles) {
      const xml = fs.readFileSync(path.join(fieldsDir, file), 'utf8');
      const fieldName = xmlValue(xml, 'fullName') ?? file.replace(/\.field-meta\.xml$/, '');
      const type = xmlValue(xml, 'type');
      object.fields.set(fieldName.toLowerCase(), fieldName);
      if (type === 'Lookup' || type === 'MasterDetail' || type === 'Hierarchy') {
        isDetail ||= type === 'MasterDetail';
        const target = xmlValue(xml, 'referenceTo') ?? name;
        const relationship = `${fieldName.replace(/__c$/i, '')}__r`;
        object.parents.set(relationship.toLowerCase(), target);
        const childRelationship = xmlValue(xml, 'relationshipName');
        if (childRelationship) {
          const targetKey = target.toLowerCase();
          const children = this.childExtensions.get(targetKey) ?? new Map<string, string>();
          children.set(`${childRelationship}__r`.toLowerCase(), name);
          this.childExtensions.set(targetKey, children);
        }
      }
    }
    const objectFile = path.join(objectDir, `${name}.object-meta.xml`);
    if (fs.existsSync(objectFile) && /__(c|mdt)$/i.test(name)) {
      const xml = fs.readFileSync(objectFile, 'utf8');
      addCustomObjectStandardFields(object, isDetail, xml);
      if (!isDetail && hasShareObject(xml)) {
        this.addShareObject(object);
      }
    }
  }

  /**
   * The share object Salesforce keeps for a custom object whose organization-wide default is Private or Public Read
   * Only ("Sharing a Record Using Apex", Apex Developer Guide: `MyCustomObject__Share`; none for a detail object),
   * with the fields of a custom object share (Salesforce Field Reference, `<Object>__Share`).
   */
  private addShareObject(parent: SObjectDescription): void {
    const share = emptyObject(`${parent.name.replace(/__c$/i, '')}__Share`);
    for (const field of SHARE_FIELDS) {
      share.fields.set(field.toLowerCase(), field);
    }
    share.parents.set('parent', parent.name);
    share.parents.set('userorgroup', POLYMORPHIC);
    share.parents.set('lastmodifiedby', 'User');
    this.project.set(share.name.toLowerCase(), share);
    parent.children.set('shares', share.name);
  }
}

/** `modjo__Call__c` -> `Call__c`: source and schema names carry no namespace prefix. */
export function stripNamespace(name: string): string {
  return name.replace(/^modjo__/i, '');
}

function findObjectsDirs(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) {
        continue;
      }
      const full = path.join(current, entry.name);
      if (entry.name === 'objects') {
        found.push(full);
      } else {
        walk(full);
      }
    }
  };
  if (fs.existsSync(dir)) {
    walk(dir);
  }
  return found;
}
