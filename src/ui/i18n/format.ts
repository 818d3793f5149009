/** Number formats shared by the cells, close to what the notebook prints. */
export const fixed = (v: number, digits = 4) => (Number.isFinite(v) ? v.toFixed(digits) : String(v));
export const sci = (v: number, digits = 2) => (Number.isFinite(v) ? v.toExponential(digits) : String(v));
export const percent = (v: number, digits = 1) => (Number.isFinite(v) ? `${(v * 100).toFixed(digits)}%` : '—');
export const seconds = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);
/** Megabytes as a download dialog shows them (1 MB = 1,000,000 bytes). */
export const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
