import { useEffect } from 'react';

/** The page counts as settled when nothing has changed size for this long (data arriving, fonts, charts). */
const QUIET_MS = 1200;
/** A page that keeps moving is let go after this long. */
const HOLD_LIMIT_MS = 15_000;
/** What a person does that takes over the scrolling. */
const TAKE_OVER_EVENTS = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

/** The element a link's hash names (`#cell-experiment`), or null. */
function hashTarget(doc: Document, hash: string): HTMLElement | null {
  if (hash.length < 2) return null;
  let id: string;
  try {
    id = decodeURIComponent(hash.slice(1));
  } catch {
    return null;
  }
  return doc.getElementById(id);
}

/**
 * Scrolls this window (only: a framed page never scrolls the page around it, unlike scrollIntoView) so that
 * `target` is at the top, less its scroll-margin-top (a sticky bar).
 */
function scrollWindowTo(win: Window, target: HTMLElement): void {
  const margin = parseFloat(win.getComputedStyle(target).scrollMarginTop) || 0;
  const top = target.getBoundingClientRect().top + win.scrollY - margin;
  if (Math.abs(top - win.scrollY) > 1) win.scrollTo({ top, behavior: 'instant' });
}

/**
 * Keeps the element the hash names at the top of the window while the page's layout settles (content above it
 * arriving and growing; the element itself may arrive late, with a chunk of its own), until it has been still for a
 * moment, or the person scrolls, clicks or types. Returns the release.
 */
export function holdAtHash(win: Window): () => void {
  const doc = win.document;
  if (win.location.hash.length < 2) return () => {};
  let released = false;
  let quietTimer = 0;
  let observed: HTMLElement | null = null;
  const previousRestoration = win.history.scrollRestoration;
  // A reload would otherwise put back the old scroll position once the page has loaded, over ours.
  win.history.scrollRestoration = 'manual';
  const release = () => {
    if (released) return;
    released = true;
    observer.disconnect();
    win.clearTimeout(quietTimer);
    win.clearTimeout(limitTimer);
    win.removeEventListener('load', onChange);
    for (const type of TAKE_OVER_EVENTS) win.removeEventListener(type, release, true);
    win.history.scrollRestoration = previousRestoration;
  };
  const onChange = () => {
    if (released) return;
    const target = hashTarget(doc, win.location.hash);
    if (target) {
      if (observed !== target) observer.observe(target);
      observed = target;
      scrollWindowTo(win, target);
    }
    win.clearTimeout(quietTimer);
    quietTimer = win.setTimeout(() => {
      if (target && doc.readyState === 'complete') release();
      else onChange();
    }, QUIET_MS);
  };
  const observer = new ResizeObserver(onChange);
  observer.observe(doc.body);
  const limitTimer = win.setTimeout(release, HOLD_LIMIT_MS);
  win.addEventListener('load', onChange);
  for (const type of TAKE_OVER_EVENTS) win.addEventListener(type, release, { capture: true, passive: true });
  onChange();
  return release;
}

/** A link to a cell (`…#cell-experiment`) opens at that cell: on first load, after a reload and inside an iframe. */
export function useLandOnLinkedCell(): void {
  useEffect(() => {
    let release = holdAtHash(window);
    // A new hash in the same page (a link inside it) is the browser's to follow; this only re-holds while settling.
    const onHashChange = () => {
      release();
      release = holdAtHash(window);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => {
      window.removeEventListener('hashchange', onHashChange);
      release();
    };
  }, []);
}
