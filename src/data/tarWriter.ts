/** Writes tar archives in memory (ustar, with GNU and pax long names): the CIFAR-10 sample's build and the readers' tests. */

export interface TarEntrySpec {
  name: string;
  data?: Uint8Array;
  /** '0' file (default), '5' directory. */
  type?: '0' | '5';
  /** How a name over 100 bytes is stored: ustar prefix field (default), GNU ././@LongLink, or a pax header. */
  longName?: 'ustar' | 'gnu' | 'pax';
}

const BLOCK = 512;
const encoder = new TextEncoder();

function writeString(block: Uint8Array, offset: number, length: number, value: string): void {
  const bytes = encoder.encode(value);
  if (bytes.length > length) throw new Error(`tarWriter: "${value}" does not fit in ${length} bytes`);
  block.set(bytes, offset);
}

const octal = (value: number, digits: number): string => value.toString(8).padStart(digits, '0');

function header(name: string, size: number, type: string, prefix = ''): Uint8Array {
  const block = new Uint8Array(BLOCK);
  writeString(block, 0, 100, name);
  writeString(block, 100, 8, '0000644');
  writeString(block, 108, 8, '0000000');
  writeString(block, 116, 8, '0000000');
  writeString(block, 124, 12, octal(size, 11));
  writeString(block, 136, 12, octal(1_700_000_000, 11));
  block.fill(0x20, 148, 156);
  writeString(block, 156, 1, type);
  writeString(block, 257, 6, 'ustar');
  writeString(block, 263, 2, '00');
  writeString(block, 345, 155, prefix);
  let sum = 0;
  for (const b of block) sum += b;
  writeString(block, 148, 8, `${octal(sum, 6)}\0 `);
  return block;
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = body.length + 1;
  while (`${length}${body}`.length !== length) length = `${length}${body}`.length;
  return `${length}${body}`;
}

function padded(data: Uint8Array): Uint8Array[] {
  const rest = (BLOCK - (data.length % BLOCK)) % BLOCK;
  return [data, new Uint8Array(rest)];
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A tar archive; `endBlocks` zero blocks mark its end (2 as real tools write). */
export function buildTar(entries: TarEntrySpec[], endBlocks = 2): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const entry of entries) {
    const data = entry.data ?? new Uint8Array(0);
    const type = entry.type ?? '0';
    let name = entry.name;
    let prefix = '';
    if (encoder.encode(name).length > 100) {
      const mode = entry.longName ?? 'ustar';
      if (mode === 'gnu') {
        parts.push(header('././@LongLink', name.length + 1, 'L'), ...padded(encoder.encode(`${name}\0`)));
        name = name.slice(0, 100);
      } else if (mode === 'pax') {
        const pax = encoder.encode(paxRecord('path', name));
        parts.push(header('PaxHeader/x', pax.length, 'x'), ...padded(pax));
        name = name.slice(0, 100);
      } else {
        const cut = name.lastIndexOf('/', name.length - 2);
        prefix = name.slice(0, cut);
        name = name.slice(cut + 1);
      }
    }
    parts.push(header(name, data.length, type, prefix), ...padded(data));
  }
  parts.push(new Uint8Array(BLOCK * endBlocks));
  return concatBytes(parts);
}
