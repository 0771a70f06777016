import { randomUUID } from 'node:crypto';

import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { invalid } from '../errors/errors.ts';
import type { Reader } from '../registry/channels.service.ts';
import { seal } from '../shared/crypto.ts';
import { eventContext } from './cases.crypto.ts';
import {
  findLegalBasis,
  NOTICE_SEPARATOR,
  objectionNotice,
  privacyNoticeLine,
} from './cases.legal.ts';
import type { NoticeLanguage } from './cases.legal.ts';
import { deliverReply, deliveryDetail } from './cases.delivery.ts';
import { findLatestReplyTarget } from './cases-inbox.repository.ts';
import {
  countReplies,
  insertCaseEventRow,
  mergeCaseEventDetail,
  updateCaseRow,
} from './cases.repository.ts';
import type { CaseDetail, ReplyInput } from './cases.schema.ts';
import { currentKey, detailOf, visibleCase } from './cases.service.ts';
import type { CaseDeps } from './cases.service.ts';
import { loadCaseSettings } from './cases.settings.ts';
import type { EffectiveCaseSettings } from './cases.settings.ts';
import type { CaseRow } from './cases.table.ts';

/**
 * Replies to the citizen. The first reply must bring the Art. 21(4) objection notice to the
 * person's attention "clearly and separately from any other information" wherever the legal
 * basis allows an objection (lit. e/f), together with the privacy-notice link (Art. 13). The
 * server composes that block itself, after a visible separator, so no one can bury it in text.
 */

export interface ReplyTemplate {
  readonly firstReply: boolean;
  readonly noticeRequired: boolean;
  readonly objectionNotice: string | null;
  readonly privacyNoticeUrl: string;
  readonly separator: string;
  readonly preview: string;
}

function noticeBlock(
  row: CaseRow,
  settings: EffectiveCaseSettings,
  language: NoticeLanguage,
): { required: boolean; text: string } {
  const basis = findLegalBasis(settings.legalBases, row.legal_basis);
  const required = basis?.objection ?? true;
  return {
    required,
    text:
      basis !== undefined && required
        ? objectionNotice(basis, settings.privacyNoticeUrl, language)
        : privacyNoticeLine(settings.privacyNoticeUrl, language),
  };
}

export async function getReplyTemplate(
  deps: CaseDeps,
  reader: Reader,
  id: string,
  language: NoticeLanguage,
): Promise<ReplyTemplate> {
  const row = await visibleCase(deps.db, reader, id);
  const settings = await loadCaseSettings(deps.db, deps.publicUrl);
  const firstReply = (await countReplies(deps.db, id)) === 0;
  const block = noticeBlock(row, settings, language);
  const placeholder = language === 'en' ? '[Your reply]' : '[Ihre Antwort]';
  return {
    firstReply,
    noticeRequired: firstReply && block.required,
    objectionNotice: block.required ? block.text : null,
    privacyNoticeUrl: settings.privacyNoticeUrl,
    separator: NOTICE_SEPARATOR,
    preview: firstReply ? `${placeholder}${NOTICE_SEPARATOR}${block.text}` : placeholder,
  };
}

/**
 * Records a reply and sends it by e-mail or on the platform (phone and letter are only recorded).
 * A first reply in a case whose basis allows an objection is refused without the notice.
 */
export async function addReply(
  deps: CaseDeps,
  actor: Actor,
  reader: Reader,
  id: string,
  input: ReplyInput,
  now: Date = new Date(),
): Promise<CaseDetail> {
  const recorded = await deps.db.transaction().execute(async (trx) => {
    const current = await visibleCase(trx, reader, id, { forUpdate: true });
    await assertReachable(trx, current, input.channel);
    const settings = await loadCaseSettings(trx, deps.publicUrl);
    const first = (await countReplies(trx, id)) === 0;
    const language: NoticeLanguage = input.objectionNotice ?? 'de';
    const block = noticeBlock(current, settings, language);
    if (first && block.required && input.objectionNotice === null) {
      throw invalid(
        [
          {
            path: 'objectionNotice',
            message: 'Die erste Antwort muss den Hinweis auf das Widerspruchsrecht enthalten.',
          },
        ],
        'Die erste Antwort in diesem Fall muss den Hinweis auf das Widerspruchsrecht (Art. 21 Abs. 4 DSGVO) und den Link zur Datenschutzerklärung enthalten. Bitte fügen Sie den Hinweis ein.',
      );
    }
    if (input.text.includes(NOTICE_SEPARATOR.trim())) {
      throw invalid([
        { path: 'text', message: 'Der Trennstrich ist dem Hinweisblock vorbehalten.' },
      ]);
    }
    // The notice (or, where no objection applies, the privacy-notice line) goes with the first
    // reply; later replies carry it only when asked to.
    const withBlock = first || input.objectionNotice !== null;
    const text = withBlock ? `${input.text}${NOTICE_SEPARATOR}${block.text}` : input.text;
    const eventId = randomUUID();
    await insertCaseEventRow(trx, {
      id: eventId,
      case_id: id,
      kind: 'reply',
      body: seal(text, currentKey(deps), eventContext(eventId)),
      detail: {
        channel: input.channel,
        first,
        objectionNotice: withBlock && block.required,
        privacyNotice: withBlock,
      },
      author_id: actor.userId,
      created_at: now,
    });
    const updated = await updateCaseRow(trx, id, {
      first_reply_at: current.first_reply_at ?? now,
      updated_at: now,
    });
    await recordAudit(
      trx,
      actor,
      {
        action: 'case.reply',
        objectType: 'case',
        objectId: id,
        summary: `Fall Nr. ${current.number}: Antwort (${input.channel})${first ? ', erste Antwort mit Hinweisen' : ''}`,
      },
      now,
    );
    return { updated, eventId, text };
  });
  // Sent after the commit: a platform or SMTP call must not hold the case's row lock.
  const delivery = await deliverReply(deps, recorded.updated, input.channel, recorded.text);
  await mergeCaseEventDetail(deps.db, recorded.eventId, deliveryDetail(delivery));
  return detailOf(deps, recorded.updated, now);
}

/** E-mail needs an address, the platform a linked inbox item; refused before anything is recorded. */
async function assertReachable(
  db: Kysely<Database>,
  row: CaseRow,
  channel: ReplyInput['channel'],
): Promise<void> {
  if (channel === 'email' && row.contact_email === null) {
    throw invalid(
      [{ path: 'channel', message: 'Für diesen Fall ist keine E-Mail-Adresse hinterlegt.' }],
      'Für diesen Fall ist keine E-Mail-Adresse hinterlegt. Bitte wählen Sie einen anderen Weg.',
    );
  }
  if (channel === 'platform' && (await findLatestReplyTarget(db, row.id)) === undefined) {
    throw invalid(
      [{ path: 'channel', message: 'Mit diesem Fall ist kein Plattform-Beitrag verknüpft.' }],
      'Mit diesem Fall ist kein Kommentar und keine Nachricht einer Plattform verknüpft. Bitte wählen Sie einen anderen Weg.',
    );
  }
}
