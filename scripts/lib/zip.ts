import fs from 'node:fs';
import zlib from 'node:zlib';

/** One entry of a zip archive as stored: compression method, CRC-32, sizes and the stored bytes. */
export interface RawZipEntry {
  name: string;
  method: number;
  crc: number;
  size: number;
  data: Buffer;
}

interface CentralEntry {
  offset: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
}

/** Minimal reader of a zip (jar) archive: the central directory, and entries inflated on demand. */
export class ZipArchive {
  private readonly buffer: Buffer;
  private readonly entries = new Map<string, CentralEntry>();

  constructor(file: string) {
    this.buffer = fs.readFileSync(file);
    const eocd = this.findEndOfCentralDirectory();
    const count = this.buffer.readUInt16LE(eocd + 10);
    let pos = this.buffer.readUInt32LE(eocd + 16);
    for (let i = 0; i < count; i++) {
      if (this.buffer.readUInt32LE(pos) !== 0x02014b50) {
        throw new Error(`${file}: corrupt zip central directory`);
      }
      const method = this.buffer.readUInt16LE(pos + 10);
      const crc = this.buffer.readUInt32LE(pos + 16);
      const compressedSize = this.buffer.readUInt32LE(pos + 20);
      const size = this.buffer.readUInt32LE(pos + 24);
      const nameLength = this.buffer.readUInt16LE(pos + 28);
      const extraLength = this.buffer.readUInt16LE(pos + 30);
      const commentLength = this.buffer.readUInt16LE(pos + 32);
      const offset = this.buffer.readUInt32LE(pos + 42);
      const name = this.buffer.toString('utf8', pos + 46, pos + 46 + nameLength);
      this.entries.set(name, { offset, method, crc, compressedSize, size });
      pos += 46 + nameLength + extraLength + commentLength;
    }
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  read(name: string): Buffer {
    const { method, data } = this.raw(name);
    if (method === 0) {
      return Buffer.from(data);
    }
    if (method === 8) {
      return zlib.inflateRawSync(data);
    }
    throw new Error(`${name}: unsupported zip method ${method}`);
  }

  /** An entry as stored (still compressed), to copy it into another archive unchanged. */
  raw(name: string): RawZipEntry {
    const entry = this.entries.get(name);
    if (!entry) {
      throw new Error(`no entry ${name}`);
    }
    const local = entry.offset;
    const start = local + 30 + this.buffer.readUInt16LE(local + 26) + this.buffer.readUInt16LE(local + 28);
    return {
      name,
      method: entry.method,
      crc: entry.crc,
      size: entry.size,
      data: this.buffer.subarray(start, start + entry.compressedSize)
    };
  }

  private findEndOfCentralDirectory(): number {
    for (let pos = this.buffer.length - 22; pos >= Math.max(0, this.buffer.length - 65557); pos--) {
      if (this.buffer.readUInt32LE(pos) === 0x06054b50) {
        return pos;
      }
    }
    throw new Error('not a zip archive (no end of central directory)');
  }
}

/** A stored entry for `content` (deflated), ready for writeZip. */
export function deflatedEntry(name: string, content: Buffer): RawZipEntry {
  return { name, method: 8, crc: zlib.crc32(content), size: content.length, data: zlib.deflateRawSync(content) };
}

/** Writes a zip archive (no zip64, no comments) from stored entries, in the given order. */
export function writeZip(file: string, entries: RawZipEntry[]): void {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const header = (signature: number, size: number): Buffer => {
      const b = Buffer.alloc(size);
      b.writeUInt32LE(signature, 0);
      return b;
    };
    const local = header(0x04034b50, 30);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = header(0x02014b50, 46);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const centralSize = centrals.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(file, Buffer.concat([...locals, ...centrals, end]));
}
