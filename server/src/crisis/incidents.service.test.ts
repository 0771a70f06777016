import { expect, it } from 'vitest';

import { dwdWarning } from '../../test/crisis-factories.ts';
import type { DwdMessage } from '../../test/crisis-factories.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { STUTTGART_AREA } from './area.filter.ts';
import { parseCapXml } from './cap.parse.ts';
import type { CapWarning } from './cap.model.ts';
import { parseBbkCapJson } from './mowas.parse.ts';
import { canonicalIdentifier, expireIncidents, ingestWarning } from './incidents.service.ts';
import type { IngestOutcome } from './incidents.service.ts';

const settings = {
  area: STUTTGART_AREA,
  legalBasis: 'art6-1-e' as const,
  legalNorm: '§ 4 LDSG BW',
};

function parsed(message: DwdMessage): CapWarning {
  const result = parseCapXml(message.xml);
  if (!result.ok) {
    throw new Error(result.refusal.reason);
  }
  return result.value;
}

describeEachEngine('crisis incidents: lifecycle', (get) => {
  const ingest = async (message: DwdMessage | CapWarning): Promise<IngestOutcome> =>
    ingestWarning(
      get().db,
      {
        warning: 'xml' in message ? parsed(message) : message,
        sourceHash: 'a'.repeat(64),
        feedId: null,
      },
      settings,
    );
  const incidentOf = (outcome: IngestOutcome) => {
    if (outcome.kind !== 'incident') {
      throw new Error(`expected an incident, got ${outcome.kind}`);
    }
    return outcome;
  };

  it('groups Alert → Update → Cancel into one incident and ends it at the Cancel', async () => {
    const t0 = Date.now() - 60_000;
    const alert = dwdWarning({ sent: new Date(t0) });
    const update = dwdWarning({
      msgType: 'Update',
      references: [alert],
      sent: new Date(t0 + 10_000),
    });
    const cancel = dwdWarning({
      msgType: 'Cancel',
      references: [alert, update],
      sent: new Date(t0 + 20_000),
    });
    const first = incidentOf(await ingest(alert));
    expect(first).toMatchObject({ change: 'alert', created: true });
    expect(first.incident).toMatchObject({ state: 'active', template_key: 'unwetter' });
    const second = incidentOf(await ingest(update));
    expect(second).toMatchObject({ change: 'update', created: false });
    expect(second.incident.id).toBe(first.incident.id);
    const third = incidentOf(await ingest(cancel));
    expect(third.change).toBe('allclear');
    expect(third.incident).toMatchObject({ state: 'ended', end_reason: 'cancel' });
    const audit = await get()
      .db.selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'crisis.message.received')
      .execute();
    expect(audit.some((row) => row.summary.includes('SHA-256 ' + 'a'.repeat(64)))).toBe(true);
  });

  it('treats a DWD update with responseType AllClear as the all-clear', async () => {
    const alert = dwdWarning({ sent: new Date(Date.now() - 30_000) });
    const first = incidentOf(await ingest(alert));
    const allClear = dwdWarning({
      msgType: 'Update',
      references: [alert],
      responseType: 'AllClear',
    });
    const outcome = incidentOf(await ingest(allClear));
    expect(outcome.incident.id).toBe(first.incident.id);
    expect(outcome.incident).toMatchObject({ state: 'ended', end_reason: 'allclear' });
  });

  it('drops the same message a second time, also in another language product of the DWD', async () => {
    const alert = dwdWarning({ languageSuffix: 'MUL' });
    incidentOf(await ingest(alert));
    expect(await ingest(alert)).toEqual({ kind: 'duplicate' });
    const german = parsed(alert);
    const deu = { ...german, identifier: german.identifier.replace(/\.MUL$/, '.DEU') };
    expect(await ingest(deu)).toEqual({ kind: 'duplicate' });
  });

  it('records warnings outside the city without opening an incident', async () => {
    const outcome = await ingest(dwdWarning({ warnCellId: '809162000' }));
    expect(outcome.kind).toBe('recorded');
    if (outcome.kind === 'recorded') {
      expect(outcome.reason).toContain('betrifft die Stadt nicht');
    }
  });

  it('opens nothing for a Cancel of a warning it never saw', async () => {
    const orphan = dwdWarning({ msgType: 'Cancel', references: [dwdWarning()] });
    expect((await ingest(orphan)).kind).toBe('recorded');
  });

  it('keeps an older message that arrives late without rolling the incident back', async () => {
    const t0 = Date.now() - 120_000;
    const alert = dwdWarning({ sent: new Date(t0) });
    const newer = dwdWarning({
      msgType: 'Update',
      references: [alert],
      sent: new Date(t0 + 60_000),
      headline: 'Neuer Stand',
    });
    const older = dwdWarning({
      msgType: 'Update',
      references: [alert],
      sent: new Date(t0 + 30_000),
      headline: 'Alter Stand',
    });
    incidentOf(await ingest(alert));
    const current = incidentOf(await ingest(newer));
    expect(current.incident.headline).toBe('Neuer Stand');
    const late = await ingest(older);
    expect(late.kind).toBe('recorded');
  });

  it('matches a NINA copy (mow. prefix) and a BBK update by identifier alone', async () => {
    const bbk = (identifier: string, msgType: string, references?: string) =>
      parseBbkCapJson({
        identifier,
        sender: 'DE-BW-S-SE042',
        sent: new Date().toISOString().slice(0, 19) + '+00:00',
        status: 'Actual',
        msgType,
        scope: 'Public',
        ...(references === undefined ? {} : { references }),
        info: [
          {
            language: 'DE',
            category: ['Safety'],
            event: 'Gefahreninformation',
            urgency: 'Immediate',
            severity: 'Severe',
            certainty: 'Observed',
            headline: 'Gefahrstoffaustritt in Stuttgart-Feuerbach',
            description: 'Fenster und Türen geschlossen halten.',
            area: [
              {
                areaDesc: 'Stuttgart',
                geocode: [{ valueName: 'Stuttgart', value: '081110000000' }],
              },
            ],
          },
        ],
      });
    const alert = bbk('DE-BW-S-SE042-20261126-42-000', 'Alert');
    // The station writes a sender the references do not repeat: only the identifier matches.
    const update = bbk(
      'DE-BW-S-SE042-20261126-42-001',
      'Update',
      'other-sender,mow.DE-BW-S-SE042-20261126-42-000,2026-11-26T10:00:00+01:00',
    );
    if (!alert.ok || !update.ok) {
      throw new Error('fixture');
    }
    const first = incidentOf(await ingest(alert.value));
    expect(await ingest({ ...alert.value, identifier: `mow.${alert.value.identifier}` })).toEqual({
      kind: 'duplicate',
    });
    const second = incidentOf(await ingest(update.value));
    expect(second.incident.id).toBe(first.incident.id);
    expect(canonicalIdentifier('mow.DE-BW-S-SE042-1')).toBe('DE-BW-S-SE042-1');
  });

  it('marks Test and Exercise incidents so they are never posted publicly, and ignores System', async () => {
    const exercise = incidentOf(await ingest(dwdWarning({ status: 'Exercise' })));
    expect(exercise.incident.status).toBe('Exercise');
    const system = parsed(dwdWarning());
    expect(await ingest({ ...system, status: 'System' })).toMatchObject({ kind: 'ignored' });
  });

  it('ends incidents whose expiry passed, and a warning that merely vanishes stays active', async () => {
    const now = Date.now();
    const soon = incidentOf(
      await ingest(dwdWarning({ sent: new Date(now - 7200_000), expires: new Date(now - 60_000) })),
    );
    const open = incidentOf(
      await ingest(dwdWarning({ sent: new Date(now - 7200_000), expires: null })),
    );
    const ended = await expireIncidents(get().db, new Date(now));
    expect(ended.map((row) => row.id)).toContain(soon.incident.id);
    expect(ended.map((row) => row.id)).not.toContain(open.incident.id);
    const still = await get()
      .db.selectFrom('crisis_incidents')
      .select('state')
      .where('id', '=', open.incident.id)
      .executeTakeFirstOrThrow();
    expect(still.state).toBe('active');
  });
});
