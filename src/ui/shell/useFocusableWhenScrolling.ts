import { useEffect, type RefObject } from 'react';

/**
 * A container that scrolls sideways (a wide table on a narrow screen) can be reached with the keyboard, so its hidden
 * columns can be scrolled into view; one that fits is not a tab stop.
 */
export function useFocusableWhenScrolling(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const update = () => {
      if (element.scrollWidth > element.clientWidth + 1) element.tabIndex = 0;
      else element.removeAttribute('tabindex');
    };
    const observer = new ResizeObserver(update);
    observer.observe(element);
    for (const child of Array.from(element.children)) observer.observe(child);
    const mutations = new MutationObserver(() => {
      for (const child of Array.from(element.children)) observer.observe(child);
      update();
    });
    mutations.observe(element, { childList: true });
    update();
    return () => {
      observer.disconnect();
      mutations.disconnect();
    };
  }, [ref]);
}
