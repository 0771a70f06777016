// First focusable element on every page; moves focus into <main> without changing the URL.
import { useI18n } from '../i18n/i18n.context.tsx';

export const MAIN_ID = 'main-content';

export function SkipLink() {
  const { t } = useI18n();
  return (
    <a
      className="sf-skip-link"
      href={`#${MAIN_ID}`}
      onClick={(event) => {
        const main = document.getElementById(MAIN_ID);
        if (main !== null) {
          event.preventDefault();
          main.focus();
        }
      }}
    >
      {t('app.skipLink')}
    </a>
  );
}
