/**
 * Something to tell a person, in no particular language: a code the UI words from its
 * catalogues (`messages.<code>`), the parameters it fills in, and the English text, for
 * logs, tests and anything without a catalogue. Layers below the UI say things this way.
 */
export interface Message {
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
  readonly text: string;
}

export function message(code: string, params: Record<string, string | number>, text: string): Message {
  return { code, params, text };
}

/** A plain text that has no code of its own (an error from a library): shown as it is. */
export function plainMessage(text: string): Message {
  return { code: 'plain', params: { text }, text };
}
