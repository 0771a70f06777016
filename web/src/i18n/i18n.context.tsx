// Language state for the whole app: German by default, remembered in localStorage.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Locale } from '../api/api.types.ts';
import { formatDateTime, formatDay } from './i18n.format.ts';
import { de, en } from './i18n.messages.ts';
import type { MessageKey, Messages } from './i18n.messages.ts';

const STORAGE_KEY = 'stadtfunk.locale';
const dictionaries: Record<Locale, Messages> = { de, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  formatDateTime: (iso: string, withSeconds?: boolean) => string;
  /** A `YYYY-MM-DD` calendar day, e.g. „12.03.2026“. */
  formatDate: (day: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

function readStoredLocale(): Locale {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'de';
  } catch {
    // Storage can be blocked by browser policy; German is the safe default.
    return 'de';
  }
}

export function interpolate(template: string, vars?: Record<string, string | number>): string {
  if (vars === undefined) {
    return template;
  }
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(readStoredLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembering the choice is acceptable; the switch still works for this visit.
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const messages = dictionaries[locale];
    return {
      locale,
      setLocale,
      t: (key, vars) => interpolate(messages[key], vars),
      formatDateTime: (iso, withSeconds) => formatDateTime(iso, locale, withSeconds),
      formatDate: (day) => formatDay(day, locale),
    };
  }, [locale, setLocale]);

  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (value === null) {
    throw new Error('useI18n must be used inside I18nProvider');
  }
  return value;
}
