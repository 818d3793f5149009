/**
 * Guesses what a file really is from its first bytes, so that a wrong file (a PNG renamed
 * .bin, an HTML error page, the Python pickle version of CIFAR-10) gets a message that
 * says what it looks like instead of a bare "bad label byte".
 */

/** What a file looks like, as a code the UI words (`looksLike.<kind>`) and in English. */
export const LOOKS_LIKE_KINDS = [
  'png',
  'jpeg',
  'gif',
  'gzip',
  'zip',
  'bzip2',
  'xz',
  'pdf',
  'matlab',
  'npy',
  'tar',
  'pickle',
  'html',
  'text',
] as const;

export interface LooksLike {
  kind: (typeof LOOKS_LIKE_KINDS)[number];
  text: string;
}

interface Signature {
  offset: number;
  bytes: number[];
  kind: LooksLike['kind'];
  description: string;
}

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

const SIGNATURES: Signature[] = [
  { offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], kind: 'png', description: 'a PNG image' },
  { offset: 0, bytes: [0xff, 0xd8, 0xff], kind: 'jpeg', description: 'a JPEG image' },
  { offset: 0, bytes: ascii('GIF8'), kind: 'gif', description: 'a GIF image' },
  { offset: 0, bytes: [0x1f, 0x8b], kind: 'gzip', description: 'a gzip-compressed file (e.g. a .tar.gz archive)' },
  { offset: 0, bytes: ascii('PK\x03\x04'), kind: 'zip', description: 'a ZIP archive' },
  { offset: 0, bytes: ascii('BZh'), kind: 'bzip2', description: 'a bzip2-compressed file' },
  { offset: 0, bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], kind: 'xz', description: 'an xz-compressed file' },
  { offset: 0, bytes: ascii('%PDF'), kind: 'pdf', description: 'a PDF document' },
  {
    offset: 0,
    bytes: ascii('MATLAB'),
    kind: 'matlab',
    description: 'a MATLAB .mat file (the CIFAR-10 MATLAB version)',
  },
  { offset: 0, bytes: [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59], kind: 'npy', description: 'a NumPy .npy file' },
  { offset: 257, bytes: ascii('ustar'), kind: 'tar', description: 'an uncompressed tar archive' },
  // Pickle protocol 2+ starts with PROTO (0x80) and the protocol number.
  {
    offset: 0,
    bytes: [0x80, 0x02],
    kind: 'pickle',
    description: 'a Python pickle (the CIFAR-10 "python version"; this app needs the binary version)',
  },
  {
    offset: 0,
    bytes: [0x80, 0x03],
    kind: 'pickle',
    description: 'a Python pickle (the CIFAR-10 "python version"; this app needs the binary version)',
  },
  {
    offset: 0,
    bytes: [0x80, 0x04],
    kind: 'pickle',
    description: 'a Python pickle (the CIFAR-10 "python version"; this app needs the binary version)',
  },
];

function matches(head: Uint8Array, sig: Signature): boolean {
  if (head.length < sig.offset + sig.bytes.length) return false;
  return sig.bytes.every((b, i) => head[sig.offset + i] === b);
}

function isTextByte(b: number): boolean {
  return b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 0xc2; // >= 0xc2: UTF-8 lead/continuation bytes
}

/** A known binary format recognised by its magic bytes, or null. */
function magicKind(head: Uint8Array): LooksLike | null {
  for (const sig of SIGNATURES) if (matches(head, sig)) return { kind: sig.kind, text: sig.description };
  return null;
}

/**
 * What `head` (the first bytes of a file) looks like: a known format, an HTML page, a text
 * file, or null when nothing is recognised. Only call this once the file is known to be
 * invalid: pixel bytes of a real image are often printable characters too.
 */
export function looksLike(head: Uint8Array): LooksLike | null {
  const magic = magicKind(head);
  if (magic) return magic;
  const sample = head.subarray(0, 512);
  if (sample.length === 0) return null;
  let text = 0;
  for (const b of sample) if (isTextByte(b)) text++;
  if (text / sample.length < 0.95) return null;
  const start = new TextDecoder().decode(sample.subarray(0, 64)).trimStart().toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) {
    return { kind: 'html', text: 'an HTML page (perhaps an error page instead of the file)' };
  }
  return { kind: 'text', text: 'a text file' };
}

/** Parameters of a message that may say what a file looks like: `looks` is 'yes' or 'no', `looksLike` the kind. */
export function looksLikeParams(guess: LooksLike | null): { looks: 'yes' | 'no'; looksLike: string } {
  return guess ? { looks: 'yes', looksLike: guess.kind } : { looks: 'no', looksLike: '' };
}
