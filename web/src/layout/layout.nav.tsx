// Main navigation as plain lists of links: react-router's NavLink sets aria-current="page".
import { NavLink } from 'react-router';
import { useSession } from '../access/session.context.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { ModuleEntry } from './layout.modules.ts';
import { ADMIN_MODULES, MAIN_MODULES } from './layout.modules.ts';

function NavEntry({ entry, onNavigate }: { entry: ModuleEntry; onNavigate: () => void }) {
  const { t } = useI18n();
  if (entry.path === null) {
    return (
      <li>
        <span className="sf-nav-item" aria-disabled="true">
          <span>{t(entry.label)}</span>
          <span className="sf-nav-note">{t('nav.comingSoon')}</span>
        </span>
      </li>
    );
  }
  return (
    <li>
      <NavLink
        to={entry.path}
        end={entry.path === '/'}
        className="sf-nav-item"
        onClick={onNavigate}
      >
        {t(entry.label)}
      </NavLink>
    </li>
  );
}

export function MainNav({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const visible = (entry: ModuleEntry) => entry.permission === undefined || can(entry.permission);
  const adminEntries = ADMIN_MODULES.filter(visible);

  return (
    <>
      <ul className="sf-nav-list">
        {MAIN_MODULES.filter(visible).map((entry) => (
          <NavEntry key={entry.label} entry={entry} onNavigate={onNavigate} />
        ))}
      </ul>
      {adminEntries.length > 0 && (
        <>
          <span id="nav-admin-label" className="sf-nav-group-label">
            {t('nav.admin')}
          </span>
          <ul className="sf-nav-list" aria-labelledby="nav-admin-label">
            {adminEntries.map((entry) => (
              <NavEntry key={entry.label} entry={entry} onNavigate={onNavigate} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}
