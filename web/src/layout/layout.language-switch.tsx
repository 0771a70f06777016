// DE/EN toggle; buttons with aria-pressed so screen readers announce the current language.
import { Button, Group } from '@mantine/core';
import type { Locale } from '../api/api.types.ts';
import { useI18n } from '../i18n/i18n.context.tsx';

const OPTIONS: readonly {
  locale: Locale;
  short: string;
  name: 'app.languageGerman' | 'app.languageEnglish';
}[] = [
  { locale: 'de', short: 'DE', name: 'app.languageGerman' },
  { locale: 'en', short: 'EN', name: 'app.languageEnglish' },
];

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Group gap={4} role="group" aria-label={t('app.language')}>
      {OPTIONS.map((option) => (
        <Button
          key={option.locale}
          size="compact-sm"
          variant={option.locale === locale ? 'filled' : 'default'}
          aria-pressed={option.locale === locale}
          lang={option.locale}
          title={t(option.name)}
          onClick={() => {
            setLocale(option.locale);
          }}
        >
          {option.short}
        </Button>
      ))}
    </Group>
  );
}
