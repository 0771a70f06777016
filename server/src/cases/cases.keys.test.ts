import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

import { beforeAll, expect, it } from 'vitest';

import { buildUser } from '../../test/factories.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import type { Actor } from '../access/actor.ts';
import type { RoleGrant } from '../access/access.policy.ts';
import { encryptionKeyFrom, keyIdOf } from '../shared/crypto.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import { addAttachment, openAttachment } from './cases.attachments.ts';
import { keyIdOfBuffer } from './cases.crypto.ts';
import { rotateCaseKeys } from './cases.keys.ts';
import { addReply } from './cases.replies.ts';
import { createCase, getCase, listCases } from './cases.service.ts';
import type { CaseDeps } from './cases.service.ts';
import { addNote } from './cases.workflow.ts';

const newKey = (): EncryptionKey => encryptionKeyFrom(randomBytes(32).toString('hex'));

describeEachEngine('case key rotation', (get) => {
  let dataDir: string;
  let actor: Actor;
  let reader: { id: string; roles: readonly RoleGrant[] };
  const oldKey = newKey();
  const nextKey = newKey();
  const blindIndexKey = randomBytes(32).toString('hex');
  const depsWith = (keys: EncryptionKey[]): CaseDeps => ({
    db: get().db,
    keys,
    blindIndexKey,
    dataDir,
    publicUrl: 'https://stadtfunk.example',
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'stadtfunk-keys-'));
    const user = await buildUser(get().db, { roles: [{ role: 'communications' }] });
    actor = { userId: user.id, role: 'communications', correlationId: null };
    reader = { id: user.id, roles: [{ role: 'communications', orgUnitId: null }] };
  });

  it('re-seals every case value and attachment; old values still read; blind indexes unchanged', async () => {
    const before = depsWith([oldKey]);
    const created = await createCase(before, actor, {
      source: 'email',
      contact: {
        name: 'Klara Zetkin',
        email: 'klara@example.org',
        address: 'Marktplatz 1, 70173 Stuttgart',
      },
      concern: 'Antrag auf Sondernutzung.',
    });
    await addNote(before, actor, reader, created.id, 'Rückruf vereinbart.');
    await addReply(before, actor, reader, created.id, {
      channel: 'email',
      text: 'Danke.',
      objectionNotice: 'de',
    });
    const content = Buffer.from('%PDF-1.7\nAntrag Klara Zetkin\n%%EOF');
    const withFile = await addAttachment(before, actor, reader, created.id, {
      body: Readable.from([content]),
      fileName: 'Antrag.pdf',
    });
    const attachmentId = withFile.attachments[0]?.id ?? '';
    const digestsBefore = await get()
      .db.selectFrom('case_blind_indexes')
      .select('digest')
      .where('case_id', '=', created.id)
      .orderBy('digest')
      .execute();

    // After the key change, before the rotation: values sealed with the old key still read.
    const both = depsWith([nextKey, oldKey]);
    expect((await getCase(both, reader, created.id)).contact.email).toBe('klara@example.org');

    const result = await rotateCaseKeys(both);
    expect(result.valuesResealed).toBe(4 + 2 + 1);
    expect(result.filesResealed).toBe(1);
    expect((await rotateCaseKeys(both)).valuesResealed).toBe(0);

    const row = await get()
      .db.selectFrom('cases')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    for (const value of [row.contact_name, row.contact_email, row.contact_address, row.concern]) {
      expect(keyIdOf(value ?? '')).toBe(nextKey.id);
    }
    const files = await readdir(join(dataDir, 'cases', created.id));
    expect(keyIdOfBuffer(await readFile(join(dataDir, 'cases', created.id, files[0] ?? '')))).toBe(
      nextKey.id,
    );

    // Only the new key now: everything opens, and the search still finds the person.
    const after = depsWith([nextKey]);
    const detail = await getCase(after, reader, created.id);
    expect(detail.contact.name).toBe('Klara Zetkin');
    expect(detail.timeline.filter((e) => e.text !== null).map((e) => e.text?.slice(0, 6))).toEqual([
      'Rückru',
      'Danke.',
    ]);
    expect(
      (await openAttachment(after, reader, created.id, attachmentId)).content.equals(content),
    ).toBe(true);
    const digestsAfter = await get()
      .db.selectFrom('case_blind_indexes')
      .select('digest')
      .where('case_id', '=', created.id)
      .orderBy('digest')
      .execute();
    expect(digestsAfter).toEqual(digestsBefore);
    const found = await listCases(after, reader, { q: 'klara@example.org', limit: 10, offset: 0 });
    expect(found.map((c) => c.id)).toEqual([created.id]);
    // And the old key alone no longer opens them: the values really were re-sealed.
    await expect(getCase(depsWith([oldKey]), reader, created.id)).rejects.toThrow(/decrypt/);
  });
});
