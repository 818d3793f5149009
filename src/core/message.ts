/**
 * Every message the layers below the UI send, by code, with the names of the parameters its words use. The UI's
 * catalogues word each code (`messages.<code>`): a code without words fails the type check, and so does a message sent
 * without a parameter its code names.
 */
export const MESSAGE_PARAMS = {
  settingChoice: ['setting', 'value'],
  settingNotNumber: ['setting'],
  settingFixed: ['setting'],
  viewCellUnknown: ['choices'],
  viewCellsEmpty: [],
  viewFixedUnknown: ['choices'],
  viewPresentBad: [],
  settingNotWhole: ['setting'],
  settingRange: ['setting', 'max', 'min'],
  settingRangeAbove: ['setting', 'max', 'min'],
  trainTooLarge: ['dataset', 'max', 'train'],
  trainTooLargeLoaded: ['max', 'train'],
  batchTooLarge: ['batch', 'train'],
  tooManyIterations: ['iterations', 'limit'],
  loadCifarFirst: [],
  builtInMissing: ['dataset'],
  sweepAllFailed: ['reason'],
  builtInFailed: ['dataset', 'problemCode'],
  loadCancelled: [],
  loadCancelledKeeps: ['datasetLabel'],
  runGone: [],
  runNeedsName: [],
  runNameTooLong: ['max'],
  gpuUnavailable: ['detail', 'reason'],
  gpuChecking: [],
  gpuNeedsAdam: [],
  sweepTooLarge: ['keepProbs', 'max', 'rows', 'runs'],
  linkValueIgnored: ['key', 'problemCode', 'value'],
  linkVersion: ['version'],
  fileEmpty: ['name'],
  badRecords: ['causeCode', 'format', 'looks', 'looksLike', 'name', 'problemCode'],
  recordsSize: ['format', 'pixels', 'recordSize', 'size'],
  recordsSizeCause: ['format'],
  recordsLabel: ['byte', 'first', 'format', 'label', 'maxLabel', 'record'],
  recordsLabelCause: ['format'],
  notGzip: ['looks', 'looksLike', 'name'],
  gzipCorrupt: ['after', 'bytes', 'engine', 'name', 'reason'],
  tarIncomplete: ['at', 'entry', 'name', 'where'],
  tarNotTar: ['name'],
  tarChecksum: ['at', 'name'],
  tarSize: ['at', 'name'],
  givenTwice: ['earlier', 'from', 'name'],
  binTooLarge: ['max', 'name', 'size'],
  notArchive: ['looks', 'looksLike', 'name'],
  archivePython: ['name'],
  archiveNoBatches: ['name'],
  filePython: ['name'],
  notCifar: ['name'],
  noFiles: [],
  onlyTest: ['names'],
  noBatch: [],
  downloadStatus: ['name', 'status', 'url'],
  downloadFailed: ['name', 'reason', 'url'],
  sampleDamaged: ['problemCode', 'url'],
  sampleSize: ['expected', 'size'],
  sampleChecksum: [],
  sampleCounts: ['expectedTest', 'expectedTrain', 'test', 'train'],
  storageNone: ['kind'],
  storageUnreadable: ['full', 'kind'],
  storageSkipped: ['count', 'kind'],
  storageRemoveFailed: ['full', 'kind', 'reason'],
  storageSaveFailed: ['count', 'full', 'kind', 'reason'],
  importRefused: ['file', 'problemCode'],
  importBinary: [],
  importNotJson: ['reason'],
  importNotRunFile: ['format'],
  importNoVersion: [],
  importNewer: ['reads', 'version'],
  importSettingsVersion: ['reads', 'version'],
  importNoRuns: [],
  importRunInvalid: ['detail', 'run', 'runs'],
  listEmpty: ['list'],
  listNotNumber: ['item', 'list'],
  listNotAllowed: ['item', 'list', 'problemCode'],
} as const satisfies Record<string, readonly string[]>;

export type MessageCode = keyof typeof MESSAGE_PARAMS;

type Param = string | number;

/** A code's parameters; others may come along (those of a message it quotes, given by its code). */
export type MessageParams<C extends MessageCode> = {
  readonly [K in (typeof MESSAGE_PARAMS)[C][number]]: Param;
} & Readonly<Record<string, Param>>;

/**
 * Something to tell a person, in no particular language: a code the UI words from its
 * catalogues (`messages.<code>`), the parameters it fills in, and the English text, for
 * logs, tests and anything without a catalogue. Layers below the UI say things this way.
 */
export interface Message {
  readonly code: MessageCode | 'plain';
  readonly params: Readonly<Record<string, Param>>;
  readonly text: string;
}

export function message<C extends MessageCode>(code: C, params: MessageParams<C>, text: string): Message {
  return { code, params, text };
}

/** A plain text that has no code of its own (an error from a library): shown as it is. */
export function plainMessage(text: string): Message {
  return { code: 'plain', params: { text }, text };
}
