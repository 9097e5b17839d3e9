/**
 * apex-ls's SObject tables (`sobject-types-<api>.jar`): one Java class per standard object, one field per SObject
 * field. The jar is read with adm-zip and each class file with java-class-tools (both from npm), so the gate needs
 * nothing from the JDK beyond the runtime that already runs apex-ls (a JRE has no `javap`).
 */
import AdmZip from 'adm-zip';
import { JavaClassFileReader, JavaClassFileWriter, Modifier, type Utf8Info } from 'java-class-tools';

/** A field declared by a Java class: its name, type descriptor and whether it is static. */
export interface ClassField {
  name: string;
  descriptor: string;
  isStatic: boolean;
}

/** Constant pool tag of a UTF-8 entry (JVM specification §4.4.7). */
const CONSTANT_UTF8 = 1;

export class SObjectTables {
  private readonly zip: AdmZip;

  constructor(jarFile: string) {
    this.zip = new AdmZip(jarFile);
  }

  /** Every entry name of the jar (folders included). */
  names(): string[] {
    return this.zip.getEntries().map((entry) => entry.entryName);
  }

  /** The bytes of one entry (uncompressed). */
  read(entryName: string): Buffer {
    const bytes = this.zip.readFile(entryName);
    if (!bytes) throw new Error(`${entryName}: no such entry in the SObject tables`);
    return bytes;
  }

  /** The fields a class file of the jar declares, in declaration order. */
  fields(entryName: string): ClassField[] {
    return readClassFields(this.read(entryName));
  }
}

/** A class file without the fields `drop` selects (everything else as it was), written by java-class-tools. */
export function stripClassFields(bytes: Buffer, drop: (field: ClassField) => boolean): Buffer {
  const classFile = new JavaClassFileReader().read(bytes);
  const declared = readClassFields(bytes);
  classFile.fields = classFile.fields.filter((_, index) => !drop(declared[index]));
  classFile.fields_count = classFile.fields.length;
  const written = new JavaClassFileWriter().write(classFile);
  // The writer trims its buffer to what it wrote.
  return Buffer.from(written.buffer);
}

/** The declared fields of a Java class file. */
export function readClassFields(bytes: Buffer): ClassField[] {
  const classFile = new JavaClassFileReader().read(bytes);
  // The library keeps the constant pool at its JVM indexes (1-based; slot 0 unused).
  const utf8 = (index: number): string => {
    const entry = classFile.constant_pool[index];
    return entry?.tag === CONSTANT_UTF8 ? Buffer.from((entry as Utf8Info).bytes).toString('utf8') : '';
  };
  return classFile.fields.map((field) => ({
    name: utf8(field.name_index),
    descriptor: utf8(field.descriptor_index),
    isStatic: (field.access_flags & Modifier.STATIC) !== 0
  }));
}
