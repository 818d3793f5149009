import type { i18n as I18n, TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Message, MessageCode } from '../../core/message.ts';
import { isBuiltInDataset } from '../../data/builtInDatasets.ts';
import { LOOKS_LIKE_KINDS, type LooksLike } from '../../data/fileSniff.ts';
import { SETTING_KEYS } from '../../store/settingsSchema.ts';
import { SWEEP_LISTS, type SweepList } from '../../store/sweepGrid.ts';
import { builtInName, datasetNameText } from './datasetName.ts';

/**
 * A message from a lower layer in the reader's language: `messages.<code>` with its parameters, a setting named by
 * its label and a built-in dataset by its name; a code without a catalogue entry shows its English text.
 */
export function messageText(t: TFunction, i18n: I18n, m: Message): string {
  const key = `messages.${m.code}`;
  if (m.code === 'plain' || !i18n.exists(key)) return m.text;
  const params: Record<string, string | number> = { ...m.params };
  const { setting, dataset, datasetLabel, list, problemCode, causeCode, looksLike } = m.params;
  if (typeof looksLike === 'string' && (LOOKS_LIKE_KINDS as readonly string[]).includes(looksLike))
    params.looksLike = t(`looksLike.${looksLike as LooksLike['kind']}`);
  if (typeof list === 'string' && (SWEEP_LISTS as readonly string[]).includes(list))
    params.list = t(`sweep.${list as SweepList}`);
  // A message may quote another (a problem, its cause), given by code with the same parameters.
  const { problemCode: _problem, causeCode: _cause, ...inner } = m.params;
  // A quoted code comes as a parameter, a plain string: worded when the catalogue has it, like any other.
  const quoted = (code: string) =>
    messageText(t, i18n, {
      code: code as MessageCode,
      params: inner,
      text: typeof inner.text === 'string' ? inner.text : m.text,
    });
  if (typeof problemCode === 'string') params.problem = quoted(problemCode);
  if (typeof causeCode === 'string') params.cause = quoted(causeCode);
  if (typeof datasetLabel === 'string') params.datasetLabel = datasetNameText(t, datasetLabel);
  if (typeof setting === 'string' && (SETTING_KEYS as string[]).includes(setting))
    params.label = t(`settings.${setting as (typeof SETTING_KEYS)[number]}`);
  if (typeof dataset === 'string' && isBuiltInDataset(dataset)) params.datasetName = builtInName(t, dataset);
  const worded = t(key as 'messages.joiner', params);
  // A placeholder left unfilled (a parameter the code did not send) would show as "{name}": say it in English instead.
  return /\{[A-Za-z]+\}/.test(worded) ? m.text : worded;
}

/** messageText for components; several messages read as one paragraph. */
export function useMessageText(): { text(m: Message): string; join(ms: readonly Message[]): string } {
  const { t, i18n } = useTranslation();
  const text = (m: Message) => messageText(t, i18n, m);
  return { text, join: (ms) => ms.map(text).join(t('messages.joiner')) };
}

/**
 * Texts the workers and the supervisor write in English and runs keep as they are (saved runs hold them): read
 * back by their fixed wording and said in the reader's language; anything else is shown as it is.
 */
const KNOWN_TEXTS: { pattern: RegExp; word(t: TFunction, match: RegExpExecArray): string }[] = [
  {
    pattern: /^diverged at iteration (\d+) \(the loss became (.+)\)$/,
    word: (t, m) => t('messages.diverged', { iteration: m[1], loss: m[2] }),
  },
  {
    pattern: /^The (training|check|data) worker failed: (.*)$/,
    word: (t, m) =>
      t('messages.workerFailed', {
        role: m[1],
        reason: m[2] === 'it could not be started' ? t('messages.workerNotStarted') : m[2],
      }),
  },
  {
    pattern: /^numTrain \(([\d,]+)\) is more than the ([\d,]+) training images loaded\.$/,
    word: (t, m) => t('messages.splitTooFewTrain', { train: m[1], loaded: m[2] }),
  },
  {
    pattern:
      /^numTrain \(([\d,]+)\) \+ numVal \(([\d,]+)\) = ([\d,]+) is more than the ([\d,]+) training images loaded\. Without a test batch, validation uses the last [\d,]+ training images, which must not overlap the first [\d,]+\.$/,
    word: (t, m) => t('messages.splitNoTestBatch', { train: m[1], val: m[2], sum: m[3], loaded: m[4] }),
  },
  {
    pattern: /^The (training|check|data) worker sent a message that could not be read$/,
    word: (t, m) => t('messages.workerUnreadable', { role: m[1] }),
  },
  {
    pattern: /^The (training|check|data) worker stopped answering for (\d+) s and was ended$/,
    word: (t, m) => t('messages.workerSilent', { role: m[1], seconds: m[2] }),
  },
  {
    pattern:
      /^(the training images|the validation images|layer (\d+)'s weights) take (\d+) MB, more than this GPU's largest buffer \((\d+) MB, maxStorageBufferBindingSize\): use fewer training examples, a smaller net, or Exact or Fast on the CPU$/,
    word: (t, m) =>
      t('messages.gpuBufferTooLarge', {
        what: m[1] === 'the training images' ? 'train' : m[1] === 'the validation images' ? 'val' : 'weights',
        layer: m[2] ?? '',
        size: m[3],
        limit: m[4],
      }),
  },
  {
    pattern: /^GPU \(WebGPU\) is not available: (.*)$/,
    word: (t, m) => t('messages.gpuWorkerUnavailable', { reason: m[1] }),
  },
  {
    pattern:
      /^the GPU ran out of memory for (the training step's buffers and kernels|the first training step) \((.*)\): use a smaller net or fewer examples, or Exact or Fast on the CPU$/,
    word: (t, m) =>
      t('messages.gpuOutOfMemory', { what: m[1] === 'the first training step' ? 'first' : 'setup', detail: m[2] }),
  },
  {
    pattern: /^the GPU refused (the training step's buffers and kernels|the first training step): (.*)$/s,
    word: (t, m) =>
      t('messages.gpuRefused', { what: m[1] === 'the first training step' ? 'first' : 'setup', detail: m[2] }),
  },
];

export function knownText(t: TFunction, text: string): string {
  for (const { pattern, word } of KNOWN_TEXTS) {
    const match = pattern.exec(text);
    if (match) return word(t, match);
  }
  return text;
}
