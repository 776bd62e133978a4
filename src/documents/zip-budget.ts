/**
 * Checks a ZIP archive (a .docx) against a budget before anything inflates it: the sizes
 * its central directory declares (in total and as a compression ratio per entry) and then
 * the sizes the entries really inflate to, each inflation stopped at its declared size.
 * A zip bomb (1 MB that inflates to 1 GB) is refused in milliseconds with little memory.
 * Pure (no I/O); ZIP64 archives are refused: a report never needs one.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipBudget {
  /** total uncompressed bytes of all entries */
  maxUncompressedBytes: number;
  /** uncompressed / compressed of one entry (entries under 64 KB uncompressed are not held to it) */
  maxRatio: number;
  /** number of entries */
  maxEntries?: number;
}

export type ZipCheck =
  | { ok: true; entries: number; uncompressedBytes: number }
  | { ok: false; code: 'DOCUMENT_TOO_LARGE' | 'CORRUPT_DOCUMENT'; message: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const RATIO_FLOOR = 64 * 1024;

function tooLarge(message: string): ZipCheck {
  return { ok: false, code: 'DOCUMENT_TOO_LARGE', message };
}
function corrupt(message: string): ZipCheck {
  return { ok: false, code: 'CORRUPT_DOCUMENT', message: `the file cannot be read as a Word .docx document (${message})` };
}

/** Checks the archive; see the module comment. */
export function checkZipBudget(bytes: Uint8Array, budget: ZipBudget): ZipCheck {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const maxEntries = budget.maxEntries ?? 5000;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i -= 1) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return corrupt('no ZIP directory');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff)
    return tooLarge('the .docx is a ZIP64 archive, which a report never needs');
  if (count > maxEntries) return tooLarge(`the .docx has ${count} parts (at most ${maxEntries})`);
  if (cdOffset + cdSize > buf.length) return corrupt('the ZIP directory lies outside the file');
  interface Entry {
    name: string;
    method: number;
    compressed: number;
    uncompressed: number;
    local: number;
  }
  const entries: Entry[] = [];
  let declared = 0;
  for (let p = cdOffset, i = 0; i < count; i += 1) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return corrupt('a damaged ZIP directory');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const uncompressed = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, Math.min(buf.length, p + 46 + nameLength));
    if (compressed === 0xffffffff || uncompressed === 0xffffffff || local === 0xffffffff) {
      return tooLarge('the .docx is a ZIP64 archive, which a report never needs');
    }
    declared += uncompressed;
    if (declared > budget.maxUncompressedBytes) {
      return tooLarge(
        `解压后超过 ${budget.maxUncompressedBytes} 字节（MAX_DOCX_UNCOMPRESSED_BYTES）：the .docx declares more than ${budget.maxUncompressedBytes} bytes uncompressed`,
      );
    }
    if (uncompressed > RATIO_FLOOR && uncompressed > budget.maxRatio * Math.max(compressed, 1)) {
      return tooLarge(
        `压缩比超过 ${budget.maxRatio}（MAX_ZIP_RATIO）：part ${name.slice(0, 60)} inflates ${Math.round(uncompressed / Math.max(compressed, 1))} times, a zip bomb rather than a report`,
      );
    }
    entries.push({ name, method, compressed, uncompressed, local });
    p += 46 + nameLength + extraLength + commentLength;
  }
  // the declared sizes may lie: inflate each entry, stopping at its declared size
  let actual = 0;
  for (const entry of entries) {
    if (entry.local + 30 > buf.length || buf.readUInt32LE(entry.local) !== LOCAL)
      return corrupt(`a damaged part ${entry.name.slice(0, 60)}`);
    const start = entry.local + 30 + buf.readUInt16LE(entry.local + 26) + buf.readUInt16LE(entry.local + 28);
    const data = buf.subarray(start, start + entry.compressed);
    if (data.length < entry.compressed) return corrupt(`a truncated part ${entry.name.slice(0, 60)}`);
    let size: number;
    if (entry.method === 0) size = data.length;
    else if (entry.method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: Math.max(entry.uncompressed, 1) }).length;
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
          return tooLarge(`part ${entry.name.slice(0, 60)} inflates to more than the ${entry.uncompressed} bytes it declares (a zip bomb)`);
        }
        return corrupt(`part ${entry.name.slice(0, 60)} cannot be inflated`);
      }
    } else return corrupt(`part ${entry.name.slice(0, 60)} uses compression method ${entry.method}`);
    if (size !== entry.uncompressed) return corrupt(`part ${entry.name.slice(0, 60)} is not the size it declares`);
    actual += size;
  }
  return { ok: true, entries: entries.length, uncompressedBytes: actual };
}
