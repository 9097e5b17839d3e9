import fs from 'node:fs';
import zlib from 'node:zlib';

/** Minimal reader of a zip (jar) archive: the central directory, and entries inflated on demand. */
export class ZipArchive {
  private readonly buffer: Buffer;
  private readonly entries = new Map<string, { offset: number; method: number; compressedSize: number }>();

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
      const compressedSize = this.buffer.readUInt32LE(pos + 20);
      const nameLength = this.buffer.readUInt16LE(pos + 28);
      const extraLength = this.buffer.readUInt16LE(pos + 30);
      const commentLength = this.buffer.readUInt16LE(pos + 32);
      const offset = this.buffer.readUInt32LE(pos + 42);
      const name = this.buffer.toString('utf8', pos + 46, pos + 46 + nameLength);
      this.entries.set(name, { offset, method, compressedSize });
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
    const entry = this.entries.get(name);
    if (!entry) {
      throw new Error(`no entry ${name}`);
    }
    const local = entry.offset;
    const start = local + 30 + this.buffer.readUInt16LE(local + 26) + this.buffer.readUInt16LE(local + 28);
    const data = this.buffer.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) {
      return Buffer.from(data);
    }
    if (entry.method === 8) {
      return zlib.inflateRawSync(data);
    }
    throw new Error(`${name}: unsupported zip method ${entry.method}`);
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
