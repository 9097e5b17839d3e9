/** A field declared by a Java class file: its name, access flags and type descriptor. */
export interface ClassField {
  name: string;
  descriptor: string;
  isStatic: boolean;
}

/** A field with the byte range of its `field_info` entry in the class file. */
interface LocatedField extends ClassField {
  start: number;
  end: number;
}

interface FieldTable {
  /** Offset of `fields_count`. */
  countAt: number;
  fields: LocatedField[];
}

/** Skips one constant pool entry; returns the new position and how many slots it took. */
function skipConstant(bytes: Buffer, pos: number, tag: number): { pos: number; slots: number } {
  switch (tag) {
    case 3:
    case 4:
    case 9:
    case 10:
    case 11:
    case 12:
    case 17:
    case 18:
      return { pos: pos + 4, slots: 1 };
    case 5:
    case 6:
      return { pos: pos + 8, slots: 2 }; // longs and doubles take two slots
    case 7:
    case 8:
    case 16:
    case 19:
    case 20:
      return { pos: pos + 2, slots: 1 };
    case 15:
      return { pos: pos + 3, slots: 1 };
    default:
      throw new Error(`unknown constant pool tag ${tag} at ${pos - 1}`);
  }
}

/** Reads the constant pool (UTF-8 entries only) and the field table of a Java class file. */
function readFieldTable(bytes: Buffer): FieldTable {
  if (bytes.readUInt32BE(0) !== 0xcafebabe) {
    throw new Error('not a Java class file');
  }
  const poolCount = bytes.readUInt16BE(8);
  const utf8 = new Map<number, string>();
  let pos = 10;
  for (let index = 1; index < poolCount;) {
    const tag = bytes[pos];
    pos += 1;
    if (tag === 1) {
      const length = bytes.readUInt16BE(pos);
      utf8.set(index, bytes.toString('utf8', pos + 2, pos + 2 + length));
      pos += 2 + length;
      index += 1;
    } else {
      const skipped = skipConstant(bytes, pos, tag);
      pos = skipped.pos;
      index += skipped.slots;
    }
  }
  pos += 6; // access flags, this class, super class
  const interfaces = bytes.readUInt16BE(pos);
  pos += 2 + 2 * interfaces;
  const countAt = pos;
  const fieldCount = bytes.readUInt16BE(pos);
  pos += 2;
  const fields: LocatedField[] = [];
  for (let i = 0; i < fieldCount; i++) {
    const start = pos;
    const access = bytes.readUInt16BE(pos);
    const name = utf8.get(bytes.readUInt16BE(pos + 2)) ?? '';
    const descriptor = utf8.get(bytes.readUInt16BE(pos + 4)) ?? '';
    const attributes = bytes.readUInt16BE(pos + 6);
    pos += 8;
    for (let a = 0; a < attributes; a++) {
      pos += 6 + bytes.readUInt32BE(pos + 2);
    }
    fields.push({ name, descriptor, isStatic: (access & 0x0008) !== 0, start, end: pos });
  }
  return { countAt, fields };
}

/** Reads the declared fields of a Java class file (constant pool + field table; nothing else). */
export function readClassFields(bytes: Buffer): ClassField[] {
  return readFieldTable(bytes).fields.map(({ name, descriptor, isStatic }) => ({ name, descriptor, isStatic }));
}

/**
 * The same class file without the fields `remove` selects (their `field_info` entries are cut out and
 * `fields_count` lowered; the constant pool keeps their now unused names, which the JVM allows). Meant for
 * declaration-only classes read by reflection, such as apex-ls's SObject tables: a method whose code still
 * used a removed field would fail when run.
 */
export function stripClassFields(bytes: Buffer, remove: (field: ClassField) => boolean): Buffer {
  const { countAt, fields } = readFieldTable(bytes);
  const removed = fields.filter((f) => remove(f));
  if (removed.length === 0) {
    return bytes;
  }
  const parts: Buffer[] = [bytes.subarray(0, countAt)];
  const count = Buffer.alloc(2);
  count.writeUInt16BE(fields.length - removed.length);
  parts.push(count);
  const end = fields.length ? fields[fields.length - 1].end : countAt + 2;
  for (const field of fields) {
    if (!removed.includes(field)) {
      parts.push(bytes.subarray(field.start, field.end));
    }
  }
  parts.push(bytes.subarray(end));
  return Buffer.concat(parts);
}
