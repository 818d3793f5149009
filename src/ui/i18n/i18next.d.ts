import 'i18next';
import type { en } from './en.ts';

// Keys of t() are checked against the English catalogue: a missing key fails the type check.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
