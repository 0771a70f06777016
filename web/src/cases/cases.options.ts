// What the case pages need besides the case itself: categories and legal bases (settings), unit
// names and, where the viewer may list users, people to assign. Without `users.read` (department
// editors) the only person offered is the viewer; others show as "eine andere Person".
import { useCallback } from 'react';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { fetchOrgUnits, orgUnitOptions } from '../access/org-units.api.ts';
import { useSession } from '../access/session.context.tsx';
import { fetchColleagues } from '../access/users.api.ts';
import { useResource } from '../api/api.resource.ts';
import type { ResourceHandle } from '../api/api.resource.ts';
import type { Locale } from '../api/api.types.ts';
import { berlinToday } from '../i18n/i18n.format.ts';
import { fetchCaseSettings } from './cases.api.ts';
import type { CaseSettings, LegalBasisOption } from './cases.types.ts';

export interface Option {
  value: string;
  label: string;
}

export interface CaseOptions {
  settings: CaseSettings;
  units: Option[];
  people: Option[];
}

export function useCaseOptions(): ResourceHandle<CaseOptions> {
  const { can, state } = useSession();
  const canUnits = can(PERMISSIONS.orgUnitsRead);
  const me = state.status === 'ready' ? state.session.user : null;
  const load = useCallback(async (): Promise<CaseOptions> => {
    const [settings, units, users] = await Promise.all([
      fetchCaseSettings(),
      canUnits ? fetchOrgUnits() : Promise.resolve([]),
      // A missing list only narrows the choice; the page still works.
      fetchColleagues().catch(() => []),
    ]);
    const people = users.map((user) => ({ value: user.id, label: user.displayName }));
    if (me !== null && !people.some((person) => person.value === me.id)) {
      people.push({ value: me.id, label: me.displayName });
    }
    people.sort((a, b) => a.label.localeCompare(b.label, 'de'));
    return { settings, units: orgUnitOptions(units), people };
  }, [canUnits, me]);
  return useResource(load);
}

export function labelIn(options: readonly Option[], value: string | null): string | null {
  if (value === null) {
    return null;
  }
  return options.find((option) => option.value === value)?.label ?? null;
}

export function categoryLabel(settings: CaseSettings, key: string, locale: Locale): string {
  const category = settings.categories.find((entry) => entry.key === key);
  if (category === undefined) {
    return key;
  }
  return locale === 'en' ? category.labelEn : category.label;
}

export function findBasis(settings: CaseSettings, key: string): LegalBasisOption | undefined {
  return settings.legalBases.find((basis) => basis.key === key);
}

export function basisLabel(settings: CaseSettings, key: string, locale: Locale): string {
  const basis = findBasis(settings, key);
  if (basis === undefined) {
    return key;
  }
  return `${locale === 'en' ? basis.labelEn : basis.label} (${basis.citation})`;
}

/** The Berlin calendar day of an instant, e.g. for "Löschung am …". */
export function berlinDay(iso: string): string {
  return berlinToday(new Date(iso));
}
