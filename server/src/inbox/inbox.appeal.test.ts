import { beforeAll, expect, it } from 'vitest';

import { insertInboxItem } from '../../test/inbox-factories.ts';
import { buildChannel } from '../../test/registry-factories.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { submitPublicAppeal } from './inbox.appeal.ts';

describeEachEngine('public appeal: which hidden comments it concerns', (get) => {
  let channelId: string;

  beforeAll(async () => {
    channelId = (await buildChannel(get().db)).id;
  });

  const hiddenOf = (handle: string, externalId: string, writtenOn: string) =>
    insertInboxItem(get().db, {
      channel_id: channelId,
      platform: 'instagram',
      author_handle: handle,
      external_id: externalId,
      remote_created_at: new Date(writtenOn),
      visibility_state: 'hidden',
      hidden_rule_id: 'spam-werbung',
    });
  const appealed = async (ids: string[]) =>
    (
      await get()
        .db.selectFrom('inbox_items')
        .select(['id', 'appeal_open'])
        .where('id', 'in', ids)
        .execute()
    )
      .filter((row) => row.appeal_open)
      .map((row) => row.id)
      .sort();

  it('narrows to the comment whose id is in the link', async () => {
    const a = await hiddenOf('stadtfan', '17900000000000001', '2026-11-01T10:00:00Z');
    const b = await hiddenOf('stadtfan', '17900000000000002', '2026-11-20T10:00:00Z');
    const count = await submitPublicAppeal(
      get().db,
      {
        platform: 'instagram',
        handle: '@StadtFan',
        reference: 'https://www.instagram.com/p/xyz/c/17900000000000002/',
        message: 'Das war keine Werbung.',
      },
      null,
    );
    expect(count).toBe(1);
    expect(await appealed([a.id, b.id])).toEqual([b.id]);
  });

  it('narrows to comments around a German date, else takes all hidden ones of the writer', async () => {
    const a = await hiddenOf('radlerin', '17900000000000011', '2026-10-02T09:00:00Z');
    const b = await hiddenOf('radlerin', '17900000000000012', '2026-11-15T09:00:00Z');
    await submitPublicAppeal(
      get().db,
      {
        platform: 'instagram',
        handle: 'radlerin',
        reference: 'ungefähr am 14.11.2026',
        message: 'Bitte prüfen',
      },
      null,
    );
    expect(await appealed([a.id, b.id])).toEqual([b.id]);
    const c = await hiddenOf('wanderer', '17900000000000021', '2026-10-02T09:00:00Z');
    const d = await hiddenOf('wanderer', '17900000000000022', '2026-11-15T09:00:00Z');
    expect(
      await submitPublicAppeal(
        get().db,
        { platform: 'instagram', handle: 'wanderer', reference: '', message: 'Bitte prüfen' },
        null,
      ),
    ).toBe(2);
    expect(await appealed([c.id, d.id])).toEqual([c.id, d.id].sort());
    expect(
      await submitPublicAppeal(
        get().db,
        { platform: 'facebook', handle: 'wanderer', reference: '', message: 'Bitte prüfen' },
        null,
      ),
    ).toBe(0);
  });
});
