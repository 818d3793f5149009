import { ByteReader } from './byteStream.ts';
import { formatCount } from './labeledRecords.ts';
import { message } from '../core/message.ts';
import { DatasetError } from './types.ts';

/** One archive member. Read `chunks` before asking for the next entry; unread bytes are skipped. */
export interface TarEntry {
  /** Full path inside the archive (ustar prefix, GNU long name or pax path applied). */
  name: string;
  size: number;
  type: 'file' | 'directory' | 'other';
  chunks: AsyncIterable<Uint8Array>;
}

const BLOCK = 512;
const decoder = new TextDecoder();

function field(header: Uint8Array, offset: number, length: number): string {
  const bytes = header.subarray(offset, offset + length);
  const end = bytes.indexOf(0);
  return decoder.decode(end === -1 ? bytes : bytes.subarray(0, end));
}

function isZeroBlock(block: Uint8Array): boolean {
  for (const b of block) if (b !== 0) return false;
  return true;
}

/** Octal numeric field, or GNU base-256 when the high bit of the first byte is set; NaN if malformed. */
function numericField(header: Uint8Array, offset: number, length: number): number {
  if (header[offset] & 0x80) {
    let value = header[offset] & 0x7f;
    for (let i = 1; i < length; i++) value = value * 256 + header[offset + i];
    return value;
  }
  const text = field(header, offset, length).trim();
  if (text === '') return 0;
  return /^[0-7]+$/.test(text) ? parseInt(text, 8) : NaN;
}

function checksumMatches(header: Uint8Array): boolean {
  const stored = numericField(header, 148, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : header[i]; // the checksum field counts as spaces
    unsigned += b;
    signed += b > 127 ? b - 256 : b; // some old writers summed signed bytes
  }
  return stored === unsigned || stored === signed;
}

/** Pax extended header records: "<length> <key>=<value>\n" repeated. */
function paxPath(body: Uint8Array): string | null {
  const text = decoder.decode(body);
  let path: string | null = null;
  for (const line of text.split('\n')) {
    const match = /^\d+ ([^=]+)=(.*)$/s.exec(line);
    if (match && match[1] === 'path') path = match[2];
  }
  return path;
}

const padded = (size: number): number => Math.ceil(size / BLOCK) * BLOCK;

/** A ustar/GNU tar header starts the data (the magic "ustar" sits at byte 257 of the first block). */
export function hasTarMagic(head: Uint8Array): boolean {
  return head.length >= 262 && field(head, 257, 5) === 'ustar';
}

/**
 * Reads a tar archive entry by entry as it streams in; memory use is one block plus whatever
 * the caller keeps. Corrupt headers and truncation become DatasetErrors naming `archiveName`.
 */
export async function* readTarEntries(
  stream: ReadableStream<Uint8Array>,
  archiveName = 'archive',
): AsyncGenerator<TarEntry, void, undefined> {
  const reader = new ByteReader(stream);
  /** `where`: 'end' (no end-of-archive marker), 'header' (at `at`), 'extended' (an extended header), 'inside' or 'after' an entry. */
  const truncated = (
    where: 'end' | 'header' | 'extended' | 'inside' | 'after',
    what: string,
    entry = '',
    at = '',
  ): DatasetError =>
    new DatasetError(
      archiveName,
      message(
        'tarIncomplete',
        { name: archiveName, where, entry, at },
        `${archiveName} is incomplete: it ends ${what}. The download may have been cut short; try downloading it again.`,
      ),
    );
  let nextName: string | null = null; // from a GNU long-name or pax header, for the next entry
  let entries = 0;
  try {
    for (;;) {
      const headerAt = reader.position;
      const header = await reader.readExactly(BLOCK);
      if (header.length === 0) throw truncated('end', 'without the end-of-archive marker');
      if (header.length < BLOCK)
        throw truncated(
          'header',
          `in the middle of a header (at byte ${formatCount(headerAt)})`,
          '',
          formatCount(headerAt),
        );
      if (isZeroBlock(header)) {
        // Read on to the end (padding, usually) so a gzip layer below gets to verify its checksum and length.
        while ((await reader.readUpTo(Infinity)) !== null);
        return;
      }
      if (!checksumMatches(header)) {
        throw new DatasetError(
          archiveName,
          entries === 0
            ? message(
                'tarNotTar',
                { name: archiveName },
                `${archiveName} does not contain a tar archive (its first block is not a valid tar header).`,
              )
            : message(
                'tarChecksum',
                { name: archiveName, at: formatCount(headerAt) },
                `${archiveName} is corrupted: the tar header at byte ${formatCount(headerAt)} fails its checksum.`,
              ),
        );
      }
      entries++;
      const size = numericField(header, 124, 12);
      if (!Number.isFinite(size)) {
        throw new DatasetError(
          archiveName,
          message(
            'tarSize',
            { name: archiveName, at: formatCount(headerAt) },
            `${archiveName} is corrupted: the tar header at byte ${formatCount(headerAt)} has an unreadable size.`,
          ),
        );
      }
      const typeFlag = String.fromCharCode(header[156]);

      if (typeFlag === 'L' || typeFlag === 'x' || typeFlag === 'K' || typeFlag === 'g') {
        const body = await reader.readExactly(size);
        if (body.length < size) throw truncated('extended', 'inside an extended header');
        if ((await reader.skip(padded(size) - size)) < padded(size) - size)
          throw truncated('extended', 'inside an extended header');
        if (typeFlag === 'L') nextName = field(body, 0, body.length);
        else if (typeFlag === 'x') nextName = paxPath(body) ?? nextName;
        continue; // 'K' (long link target) and 'g' (global pax) do not affect names we use
      }

      let name = field(header, 0, 100);
      const prefix = field(header, 257, 5) === 'ustar' ? field(header, 345, 155) : '';
      if (prefix) name = `${prefix}/${name}`;
      if (nextName !== null) name = nextName;
      nextName = null;
      const type =
        typeFlag === '0' || typeFlag === '\0' || typeFlag === '7' ? 'file' : typeFlag === '5' ? 'directory' : 'other';

      const state = { remaining: size, current: true };
      const chunks = async function* (): AsyncGenerator<Uint8Array> {
        while (state.remaining > 0) {
          if (!state.current) throw new Error(`tar entry ${name} was read after moving on to the next entry`);
          const chunk = await reader.readUpTo(state.remaining);
          if (chunk === null) throw truncated('inside', `inside ${name}`, name);
          state.remaining -= chunk.length;
          yield chunk;
        }
      };
      yield { name, size, type, chunks: { [Symbol.asyncIterator]: chunks } };
      state.current = false;
      const rest = state.remaining + (padded(size) - size);
      if ((await reader.skip(rest)) < rest)
        throw truncated(
          state.remaining > 0 ? 'inside' : 'after',
          state.remaining > 0 ? `inside ${name}` : `after ${name}`,
          name,
        );
    }
  } finally {
    await reader.cancel();
  }
}
