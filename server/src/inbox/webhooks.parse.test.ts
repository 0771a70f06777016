import { describe, expect, it } from 'vitest';

import { metaPayload, sandboxPayload, signBody } from '../../../sandbox/src/sandbox.webhooks.ts';
import type { SandboxCommentEvent } from '../../../sandbox/src/sandbox.webhooks.ts';
import { parseJsonBody, parseMetaPayload, parseSandboxPayload } from './webhooks.parse.ts';
import { metaVerifyToken, signatureFor, verifySignature } from './webhooks.verify.ts';

const event: SandboxCommentEvent = {
  platform: 'meta',
  network: 'facebook',
  accountId: '200000000000001',
  kind: 'comment',
  commentId: '200000000000001_42_7',
  postId: '200000000000001_42',
  text: 'Gibt es für die Sperrung der Weinsteige eine Umleitung?',
  authorId: '100000000000321',
  authorName: 'Familie Weber',
  createdAt: new Date('2026-11-25T17:30:00Z'),
};

describe('Meta payloads', () => {
  it('reads a new Facebook comment as the sandbox (and Meta) send it', () => {
    const parsed = parseMetaPayload(metaPayload(event).body);
    expect(parsed.problems).toEqual([]);
    expect(parsed.changes).toEqual([
      {
        type: 'upsert',
        platform: 'facebook',
        accountId: '200000000000001',
        comment: {
          externalId: '200000000000001_42_7',
          // Top-level: Meta names the post as parent; the inbox keeps no parent.
          parentExternalId: null,
          postExternalId: '200000000000001_42',
          authorHandle: '100000000000321',
          authorName: 'Familie Weber',
          text: 'Gibt es für die Sperrung der Weinsteige eine Umleitung?',
          createdAt: new Date('2026-11-25T17:30:00Z'),
          kind: 'comment',
        },
      },
    ]);
  });

  it('keeps a reply’s parent, reads edits and removals, and ignores reactions and hiding', () => {
    const reply = metaPayload({ ...event, change: 'edited' }).body as {
      entry: { changes: { value: Record<string, unknown> }[] }[];
    };
    const value = reply.entry[0]?.changes[0]?.value ?? {};
    value['parent_id'] = '200000000000001_42_1';
    const parsed = parseMetaPayload(reply);
    expect(parsed.changes[0]).toMatchObject({
      type: 'upsert',
      comment: { parentExternalId: '200000000000001_42_1' },
    });
    expect(parseMetaPayload(metaPayload({ ...event, change: 'deleted' }).body).changes).toEqual([
      {
        type: 'delete',
        platform: 'facebook',
        accountId: '200000000000001',
        externalId: event.commentId,
      },
    ]);
    const others = {
      object: 'page',
      entry: [
        {
          id: '200000000000001',
          changes: [
            { field: 'feed', value: { item: 'reaction', verb: 'add', reaction_type: 'like' } },
            { field: 'feed', value: { item: 'comment', verb: 'hide', comment_id: '1_2' } },
            { field: 'mention', value: {} },
          ],
        },
      ],
    };
    expect(parseMetaPayload(others)).toEqual({ changes: [], problems: [], ignored: 3 });
  });

  it('reads Instagram comments with the handle as author', () => {
    const parsed = parseMetaPayload(
      metaPayload({
        ...event,
        network: 'instagram',
        accountId: '17841400000000001',
        authorName: 'stuttgarter_radler',
      }).body,
    );
    expect(parsed.changes[0]).toMatchObject({
      platform: 'instagram',
      comment: {
        authorHandle: 'stuttgarter_radler',
        authorName: null,
        postExternalId: event.postId,
      },
    });
  });

  it('names unreadable parts by field, never by value', () => {
    const parsed = parseMetaPayload({
      object: 'page',
      entry: [
        {
          id: '1',
          changes: [{ field: 'feed', value: { item: 'comment', verb: 'add', comment_id: '1_2' } }],
        },
      ],
    });
    expect(parsed.problems).toEqual(['Facebook-Kommentar ohne message']);
    expect(parseMetaPayload({ object: 'page' }).problems[0]).toContain('entry');
    expect(parseMetaPayload({ object: 'user', entry: [] }).problems).toEqual([
      'Unbekanntes Meta-Objekt',
    ]);
    expect(parseMetaPayload('Hallo').problems).toHaveLength(1);
  });
});

describe('sandbox events', () => {
  it('reads created, updated and deleted events; the network names Meta’s platform', () => {
    const mastodon = {
      ...event,
      platform: 'mastodon',
      network: 'mastodon',
      kind: 'mention' as const,
      postId: null,
    };
    expect(
      parseSandboxPayload('mastodon', sandboxPayload('evt_1', mastodon)).changes[0],
    ).toMatchObject({
      type: 'upsert',
      platform: 'mastodon',
      comment: { kind: 'mention', parentExternalId: null, text: event.text },
    });
    expect(
      parseSandboxPayload('mastodon', sandboxPayload('evt_2', { ...mastodon, change: 'deleted' }))
        .changes[0],
    ).toMatchObject({ type: 'delete', externalId: event.commentId });
    expect(parseSandboxPayload('meta', sandboxPayload('evt_3', event)).changes[0]).toMatchObject({
      platform: 'facebook',
    });
  });

  it('refuses an event for another platform than its address', () => {
    expect(parseSandboxPayload('x', sandboxPayload('evt_4', event)).problems).toEqual([
      'Plattform des Ereignisses passt nicht zur Adresse',
    ]);
  });
});

describe('signatures', () => {
  const body = Buffer.from(JSON.stringify({ object: 'page', entry: [] }));

  it('accepts the sandbox’s own signature and any of several app secrets', () => {
    expect(signatureFor('geheim', body)).toBe(signBody('geheim', body.toString('utf8')));
    expect(verifySignature(body, signatureFor('geheim', body), ['anderes', 'geheim'])).toBe(
      'valid',
    );
    expect(
      verifySignature(
        body,
        signatureFor('geheim', body).toUpperCase().replace('SHA256', 'sha256'),
        ['geheim'],
      ),
    ).toBe('valid');
  });

  it('tells missing from invalid signatures', () => {
    expect(verifySignature(body, undefined, ['geheim'])).toBe('missing');
    expect(verifySignature(body, '', ['geheim'])).toBe('missing');
    expect(verifySignature(body, 'sha1=abc', ['geheim'])).toBe('invalid');
    expect(verifySignature(body, signatureFor('falsch', body), ['geheim'])).toBe('invalid');
    // Without any app secret nothing can be valid.
    expect(verifySignature(body, signatureFor('', body), [''])).toBe('invalid');
  });

  it('derives a stable verify token per app secret', () => {
    expect(metaVerifyToken('geheim')).toBe(metaVerifyToken('geheim'));
    expect(metaVerifyToken('geheim')).not.toBe(metaVerifyToken('anderes'));
    expect(metaVerifyToken('geheim')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('parses JSON bodies and reports the rest', () => {
    expect(parseJsonBody(Buffer.from('{"a":1}'))).toEqual({ ok: true, body: { a: 1 } });
    expect(parseJsonBody(Buffer.from('{"a":'))).toEqual({ ok: false });
  });
});
