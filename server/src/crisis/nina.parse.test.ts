import { describe, expect, it } from 'vitest';

import { fixture } from './crisis.fixtures.ts';
import { parseNinaDashboard, parseNinaWarningDetails, splitNinaIdentifier } from './nina.parse.ts';

describe('parseNinaDashboard', () => {
  it('reads entries with version and hash, skipping a broken one with a reason', () => {
    const result = parseNinaDashboard(fixture('nina-dashboard-stuttgart.json'));
    if (!result.ok) {
      throw new Error(result.refusal.reason);
    }
    expect(result.value.items).toHaveLength(2);
    expect(result.value.items[0]).toMatchObject({
      id: 'mow.DE-BW-S-SE018-20260314-18-001',
      version: 2,
      provider: 'MOWAS',
      msgType: 'Update',
      eventCode: 'BBK-EVC-038',
      areaType: 'ZGEM',
      expires: undefined,
    });
    expect(result.value.items[1]?.titles).toEqual({
      de: 'Amtliche UNWETTERWARNUNG vor SCHWEREM GEWITTER',
      en: 'Official SEVERE WEATHER WARNING',
    });
    expect(result.value.skipped).toEqual([{ index: 2, reason: 'Eintrag ohne id' }]);
  });

  it('refuses a non-array and an array without usable entries', () => {
    expect(parseNinaDashboard('{"id":"x"}').ok).toBe(false);
    expect(parseNinaDashboard('[1,2]').ok).toBe(false);
    expect(parseNinaDashboard('[]')).toEqual({ ok: true, value: { items: [], skipped: [] } });
  });
});

describe('parseNinaWarningDetails', () => {
  it('reads the CAP-as-JSON details with NINA prefix and warnVerwaltungsbereiche', () => {
    const result = parseNinaWarningDetails(fixture('nina-details-mowas.json'));
    if (!result.ok) {
      throw new Error(result.refusal.reason);
    }
    expect(result.value).toMatchObject({
      format: 'nina-details',
      identifier: 'mow.DE-BW-S-SE018-20260314-18-001',
      msgType: 'Update',
      codes: ['DVN:2', 'medien_ueberregional', 'nina'],
    });
    expect(result.value.references[0]?.identifier).toBe('mow.DE-BW-S-SE018-20260314-18-000');
    expect(result.value.infos[0]?.parameters[0]).toEqual({
      valueName: 'warnVerwaltungsbereiche',
      value: '081110000000',
    });
  });

  it('splits the provider prefix so NINA and BBK copies meet', () => {
    expect(splitNinaIdentifier('mow.DE-BW-S-SE018-20260314-18-001')).toEqual({
      provider: 'mow',
      bareId: 'DE-BW-S-SE018-20260314-18-001',
    });
    expect(splitNinaIdentifier('DE-BW-S-SE018')).toEqual({ bareId: 'DE-BW-S-SE018' });
  });
});
