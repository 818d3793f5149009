/**
 * Guesses what a file really is from its first bytes, so that a wrong file (a PNG renamed
 * .bin, an HTML error page, the Python pickle version of CIFAR-10) gets a message that
 * says what it looks like instead of a bare "bad label byte".
 */

interface Signature {
  offset: number;
  bytes: number[];
  description: string;
}

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

const SIGNATURES: Signature[] = [
  { offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], description: 'a PNG image' },
  { offset: 0, bytes: [0xff, 0xd8, 0xff], description: 'a JPEG image' },
  { offset: 0, bytes: ascii('GIF8'), description: 'a GIF image' },
  { offset: 0, bytes: [0x1f, 0x8b], description: 'a gzip-compressed file (e.g. a .tar.gz archive)' },
  { offset: 0, bytes: ascii('PK\x03\x04'), description: 'a ZIP archive' },
  { offset: 0, bytes: ascii('BZh'), description: 'a bzip2-compressed file' },
  { offset: 0, bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], description: 'an xz-compressed file' },
  { offset: 0, bytes: ascii('%PDF'), description: 'a PDF document' },
  { offset: 0, bytes: ascii('MATLAB'), description: 'a MATLAB .mat file (the CIFAR-10 MATLAB version)' },
  { offset: 0, bytes: [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59], description: 'a NumPy .npy file' },
  { offset: 257, bytes: ascii('ustar'), description: 'an uncompressed tar archive' },
  // Pickle protocol 2+ starts with PROTO (0x80) and the protocol number.
  { offset: 0, bytes: [0x80, 0x02], description: 'a Python pickle (the CIFAR-10 "python version"; this app needs the binary version)' },
  { offset: 0, bytes: [0x80, 0x03], description: 'a Python pickle (the CIFAR-10 "python version"; this app needs the binary version)' },
  { offset: 0, bytes: [0x80, 0x04], description: 'a Python pickle (the CIFAR-10 "python version"; this app needs the binary version)' },
];

function matches(head: Uint8Array, sig: Signature): boolean {
  if (head.length < sig.offset + sig.bytes.length) return false;
  return sig.bytes.every((b, i) => head[sig.offset + i] === b);
}

function isTextByte(b: number): boolean {
  return b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 0xc2; // >= 0xc2: UTF-8 lead/continuation bytes
}

/** A known binary format recognised by its magic bytes, or null. */
export function describeMagic(head: Uint8Array): string | null {
  for (const sig of SIGNATURES) if (matches(head, sig)) return sig.description;
  return null;
}

/**
 * What `head` (the first bytes of a file) looks like: a known format, an HTML page, a text
 * file, or null when nothing is recognised. Only call this once the file is known to be
 * invalid: pixel bytes of a real image are often printable characters too.
 */
export function describeContent(head: Uint8Array): string | null {
  const magic = describeMagic(head);
  if (magic) return magic;
  const sample = head.subarray(0, 512);
  if (sample.length === 0) return null;
  let text = 0;
  for (const b of sample) if (isTextByte(b)) text++;
  if (text / sample.length < 0.95) return null;
  const start = new TextDecoder().decode(sample.subarray(0, 64)).trimStart().toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) {
    return 'an HTML page (perhaps an error page instead of the file)';
  }
  return 'a text file';
}
