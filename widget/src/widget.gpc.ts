// Concept §12: settings made in the browser are respected, never circumvented. Global Privacy
// Control or Do Not Track counts as a refusal of Statistik.

interface PrivacySignals {
  readonly globalPrivacyControl?: boolean;
  readonly doNotTrack?: string | null;
}

export function privacySignal(): boolean {
  const nav = navigator as Navigator & PrivacySignals;
  return nav.globalPrivacyControl === true || nav.doNotTrack === '1';
}
