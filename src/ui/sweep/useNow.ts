import { useEffect, useState } from 'react';

/** The wall clock, re-read every `intervalMs` while `active` (and once at once when it becomes active). */
export function useNow(active: boolean, intervalMs = 500): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const every = setInterval(tick, intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(every);
    };
  }, [active, intervalMs]);
  return now;
}
