// Matomo loads only after consent, or before it in cookieless mode when configured; consent changes
// are passed on to Matomo, and withdrawing deletes its cookies (_pk_*, mtm_*).
import type { MatomoConfig } from './widget.config.ts';

type Command = unknown[];

declare global {
  interface Window {
    _paq?: Command[];
  }
}

let loaded = false;

/** Applies the current Statistik decision; `allowed` already includes the browser's privacy signal. */
export function applyMatomo(
  config: MatomoConfig | undefined,
  allowed: boolean,
  signal: boolean,
): void {
  if (!config || signal || (!allowed && !loaded && !config.cookieless)) {
    if (loaded && config) {
      push(config, false);
    }
    removeCookies();
    return;
  }
  if (!loaded) {
    loaded = true;
    const paq = (window._paq ??= []);
    paq.push(
      [config.cookieless ? 'requireCookieConsent' : 'requireConsent'],
      ['setTrackerUrl', `${config.url}matomo.php`],
      ['setSiteId', config.siteId],
      ['trackPageView'],
      ['enableLinkTracking'],
    );
    const script = document.createElement('script');
    script.async = true;
    script.src = `${config.url}matomo.js`;
    document.head.append(script);
  }
  push(config, allowed);
  if (!allowed) {
    removeCookies();
  }
}

function push(config: MatomoConfig, allowed: boolean): void {
  const scope = config.cookieless ? 'CookieConsent' : 'Consent';
  (window._paq ??= []).push([`${allowed ? 'remember' : 'forget'}${scope}Given`]);
}

/** Matomo may have set its cookies on the host or on any parent domain. */
function removeCookies(): void {
  const parts = location.hostname.split('.');
  for (const cookie of document.cookie.split(';')) {
    const name = cookie.split('=')[0]?.trim() ?? '';
    if (!/^(_pk_|mtm_)/.test(name)) {
      continue;
    }
    for (let i = 0; i < parts.length; i++) {
      const domain = parts.slice(i).join('.');
      document.cookie = `${name}=;expires=Thu, 01 Jan 1970 00:00:00 GMT;path=/;domain=${domain}`;
    }
    document.cookie = `${name}=;expires=Thu, 01 Jan 1970 00:00:00 GMT;path=/`;
  }
}
