// Asking again on a timer while a condition holds, and a page-wide nudge after a change of the
// crisis mode so the banner does not wait for its next round.
import { useEffect } from 'react';

export const CRISIS_CHANGED_EVENT = 'stadtfunk:crisis-changed';

export function announceCrisisChange(): void {
  window.dispatchEvent(new Event(CRISIS_CHANGED_EVENT));
}

/** Runs `tick` every `ms` while `active`; `tick` must be stable (useCallback). */
export function useInterval(tick: () => void, ms: number, active = true): void {
  useEffect(() => {
    if (!active) {
      return;
    }
    const timer = window.setInterval(tick, ms);
    return () => {
      window.clearInterval(timer);
    };
  }, [tick, ms, active]);
}
