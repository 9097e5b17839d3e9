/**
 * The rules of the contract that Ajv does not apply, walked once over an item with the schema compiled into small
 * functions: TRUNCATED warnings (free text longer than its `x-salesforce-maxLength`, in UTF-16 code units),
 * UNKNOWN_PROPERTY warnings (own properties the schema does not know; a null value counts as absent),
 * `x-maxSerializedLength` (the value as JSON, nulls included, as Apex serializes it) and `x-notBefore` (only between
 * two valid integers, as Apex compares them) and `x-link` (a string that links.ts does not keep is dropped with a
 * LINK_DROPPED warning; its length is still Ajv's maxLength, so an over-long url stays FIELD_TOO_LONG). Schemas are looked up through their own properties only, so a payload
 * property named `constructor` or `toString` is unknown, never an inherited member of the schema.
 */
import { numberSubstitute } from './json-text';
import { isAllowedLink, linkDroppedMessage } from './links';

type SchemaNode = Record<string, unknown>;

/** Where the walk reports. */
export interface WalkSink {
  errors: Array<{ code: string; message: string; path: string }>;
  warnings: Array<{ code: string; message: string; path: string }>;
}

/** Walks one value at its JSON path. */
export type Walker = (value: unknown, path: string, sink: WalkSink) => void;

const noop: Walker = () => undefined;

/** The node with its `$ref` resolved (the referencing node's own keywords win). */
function resolve(node: SchemaNode, root: SchemaNode): SchemaNode {
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/$defs/')) {
    return node;
  }
  const defs = (root.$defs ?? {}) as Record<string, SchemaNode>;
  const name = ref.slice('#/$defs/'.length);
  return { ...(Object.hasOwn(defs, name) ? defs[name] : {}), ...node };
}

/** The last segment of a JSON path, for messages: `email`, `tags[0]`. */
export function labelOf(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot === -1 ? path : path.slice(dot + 1);
}

/**
 * Compiles the walker of a schema (once; the walk runs for every item).
 * @param root the contract schema
 * @returns the walker of its root
 */
export function compileWalker(root: SchemaNode): Walker {
  return compileNode(root, root, new Map());
}

function compileNode(rawNode: SchemaNode, root: SchemaNode, seen: Map<SchemaNode, Walker>): Walker {
  const cached = seen.get(rawNode);
  if (cached) {
    return cached;
  }
  let self: Walker = noop;
  seen.set(rawNode, (v, p, s) => self(v, p, s));
  const node = resolve(rawNode, root);
  const onString = stringRule(node);
  const onArray = arrayRule(node, node.items ? compileNode(node.items as SchemaNode, root, seen) : undefined);
  const onObject = objectRule(node, root, seen);
  self = (value, path, sink) => {
    if (typeof value === 'string') {
      onString?.(value, path, sink);
    } else if (Array.isArray(value)) {
      onArray?.(value, path, sink);
    } else if (value !== null && typeof value === 'object') {
      onObject?.(value as Record<string, unknown>, path, sink);
    }
  };
  return self;
}

type StringRule = (value: string, path: string, sink: WalkSink) => void;

function stringRule(node: SchemaNode): StringRule | undefined {
  if (node['x-link'] !== undefined) {
    return linkRule(typeof node.maxLength === 'number' ? node.maxLength : Infinity);
  }
  const limit = node['x-salesforce-maxLength'];
  if (node['x-overflow'] !== 'truncate' || typeof limit !== 'number') {
    return undefined;
  }
  return (value, path, sink) => {
    if (value.length > limit) {
      const message = `${labelOf(path)} has ${value.length} characters; the first ${limit} were kept.`;
      sink.warnings.push({ code: 'TRUNCATED', message, path });
    }
  };
}

/** A link the default host list does not keep is dropped with a warning (an over-long one is already an error). */
function linkRule(maxLength: number): StringRule {
  return (value, path, sink) => {
    if (value.length <= maxLength && !isAllowedLink(value)) {
      sink.warnings.push({ code: 'LINK_DROPPED', message: linkDroppedMessage(labelOf(path)), path });
    }
  };
}

type ArrayRule = (value: unknown[], path: string, sink: WalkSink) => void;

/** Items walked one by one; `x-maxSerializedLength` also bounds an array (crmFilling is an array or an object). */
function arrayRule(node: SchemaNode, items: Walker | undefined): ArrayRule | undefined {
  const serialized = node['x-maxSerializedLength'];
  const whole = typeof serialized === 'number' ? serializedLengthRule(serialized) : undefined;
  if (!items && !whole) {
    return undefined;
  }
  return (value, path, sink) => {
    whole?.(value, path, sink);
    if (items) {
      for (let i = 0; i < value.length; i++) {
        items(value[i], `${path}[${i}]`, sink);
      }
    }
  };
}

type ObjectRule = (value: Record<string, unknown>, path: string, sink: WalkSink) => void;

function objectRule(node: SchemaNode, root: SchemaNode, seen: Map<SchemaNode, Walker>): ObjectRule | undefined {
  const rules: ObjectRule[] = [];
  const serialized = node['x-maxSerializedLength'];
  if (typeof serialized === 'number') {
    rules.push(serializedLengthRule(serialized));
  }
  if (node['x-notBefore']) {
    rules.push(notBeforeRule(node['x-notBefore'] as Record<string, string>, node));
  }
  if (node.properties) {
    rules.push(propertiesRule(node.properties as Record<string, SchemaNode>, root, seen));
  }
  return rules.length === 0 ? undefined : (value, path, sink) => rules.forEach((rule) => rule(value, path, sink));
}

function serializedLengthRule(limit: number): (value: object, path: string, sink: WalkSink) => void {
  return (value, path, sink) => {
    if (JSON.stringify(value).length > limit) {
      const message = `${labelOf(path)} serialized is longer than ${limit} characters.`;
      sink.errors.push({ code: 'FIELD_TOO_LONG', message, path });
    }
  };
}

/** `{ endSecond: "startSecond" }`: endSecond may not be lower, when both are integers within their range. */
function notBeforeRule(pairs: Record<string, string>, node: SchemaNode): ObjectRule {
  const properties = (node.properties ?? {}) as Record<string, SchemaNode>;
  const valid = (holder: Record<string, unknown>, key: string): number | undefined => {
    const raw = Object.hasOwn(holder, key) ? holder[key] : undefined;
    const value = typeof raw === 'number' ? (numberSubstitute(holder, key) ?? raw) : undefined;
    const rule = Object.hasOwn(properties, key) ? properties[key] : {};
    const inRange =
      value !== undefined &&
      Number.isInteger(value) &&
      value >= ((rule.minimum as number | undefined) ?? -Infinity) &&
      value <= ((rule.maximum as number | undefined) ?? Infinity);
    return inRange ? value : undefined;
  };
  return (value, path, sink) => {
    for (const [later, earlier] of Object.entries(pairs)) {
      const end = valid(value, later);
      const start = valid(value, earlier);
      if (end !== undefined && start !== undefined && end < start) {
        const message = `${later} must not be before ${earlier}.`;
        sink.errors.push({ code: 'OUT_OF_RANGE', message, path: `${path}.${later}` });
      }
    }
  };
}

function propertiesRule(
  properties: Record<string, SchemaNode>,
  root: SchemaNode,
  seen: Map<SchemaNode, Walker>
): ObjectRule {
  const children = new Map(Object.entries(properties).map(([key, child]) => [key, compileNode(child, root, seen)]));
  return (value, path, sink) => {
    for (const key of Object.keys(value)) {
      const inner = value[key];
      if (inner === null) {
        continue;
      }
      const child = children.get(key);
      if (child) {
        child(inner, `${path}.${key}`, sink);
      } else {
        const message = `Property ${key} is not part of the contract and was ignored.`;
        sink.warnings.push({ code: 'UNKNOWN_PROPERTY', message, path: `${path}.${key}` });
      }
    }
  };
}
