// Sends each choice to the city's proof endpoint (Art. 7(1) GDPR). fetch with keepalive rather than
// sendBeacon: sendBeacon always sends the endpoint origin's cookies, fetch can omit them and the
// referrer. The body is text/plain JSON so the cross-origin POST needs no preflight.
import type { StoredConsent } from './widget.store.ts';

export function sendProof(url: string | undefined, consent: StoredConsent): void {
  if (!url) {
    return;
  }
  const body = JSON.stringify({
    id: consent.id,
    configVersion: consent.version,
    choices: consent.choices,
    at: consent.at,
  });
  fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/plain' },
    keepalive: true,
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    mode: 'no-cors',
  }).catch(() => {
    // A lost proof must not break the page; the choice still applies.
  });
}
