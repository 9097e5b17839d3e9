/** A field declared by a Java class file: its name, access flags and type descriptor. */
export interface ClassField {
  name: string;
  descriptor: string;
  isStatic: boolean;
}

/** Reads the declared fields of a Java class file (constant pool + field table; nothing else). */
export function readClassFields(bytes: Buffer): ClassField[] {
  if (bytes.readUInt32BE(0) !== 0xcafebabe) {
    throw new Error('not a Java class file');
  }
  const poolCount = bytes.readUInt16BE(8);
  const utf8 = new Map<number, string>();
  let pos = 10;
  for (let index = 1; index < poolCount; index++) {
    const tag = bytes[pos];
    pos += 1;
    switch (tag) {
      case 1: {
        const length = bytes.readUInt16BE(pos);
        utf8.set(index, bytes.toString('utf8', pos + 2, pos + 2 + length));
        pos += 2 + length;
        break;
      }
      case 3:
      case 4:
      case 9:
      case 10:
      case 11:
      case 12:
      case 17:
      case 18:
        pos += 4;
        break;
      case 5:
      case 6:
        pos += 8;
        index++; // longs and doubles take two slots
        break;
      case 7:
      case 8:
      case 16:
      case 19:
      case 20:
        pos += 2;
        break;
      case 15:
        pos += 3;
        break;
      default:
        throw new Error(`unknown constant pool tag ${tag} at ${pos - 1}`);
    }
  }
  pos += 6; // access flags, this class, super class
  const interfaces = bytes.readUInt16BE(pos);
  pos += 2 + 2 * interfaces;
  const fieldCount = bytes.readUInt16BE(pos);
  pos += 2;
  const fields: ClassField[] = [];
  for (let i = 0; i < fieldCount; i++) {
    const access = bytes.readUInt16BE(pos);
    const name = utf8.get(bytes.readUInt16BE(pos + 2)) ?? '';
    const descriptor = utf8.get(bytes.readUInt16BE(pos + 4)) ?? '';
    const attributes = bytes.readUInt16BE(pos + 6);
    pos += 8;
    for (let a = 0; a < attributes; a++) {
      pos += 6 + bytes.readUInt32BE(pos + 2);
    }
    fields.push({ name, descriptor, isStatic: (access & 0x0008) !== 0 });
  }
  return fields;
}
