import { z } from 'zod';

import { createMailer, mailFooter, sendEach } from '../mail/mailer.ts';
import type { MailMessage } from '../mail/mailer.ts';
import { endExpiredContracts, PROCESSORS_PATH } from '../registry/contracts.service.ts';
import { germanDate } from '../shared/calendar.ts';
import { defineJob } from './job.ts';

/**
 * Daily, just after midnight in Europe/Berlin: ends agency access for processor contracts
 * (Art. 28 GDPR) whose last day has passed, logs their accounts out and tells communications.
 */
export const contractEndJob = defineJob({
  name: 'registry.contract-end',
  payload: z.object({}),
  cron: '5 0 * * *',
  async handle(_payload, ctx) {
    const result = await endExpiredContracts(ctx.db, ctx.now());
    const mailer = createMailer(ctx.config);
    let mailsSent = 0;
    if (mailer !== undefined && result.notified.length > 0) {
      const messages = result.notified.map(({ recipient, reference, endsOn }): MailMessage => ({
        to: recipient.email,
        subject: `Stadtfunk: Auftragsverarbeitungsvertrag ${reference} beendet`,
        text: [
          'Guten Tag,',
          '',
          `der Auftragsverarbeitungsvertrag ${reference} ist am ${germanDate(endsOn)} ausgelaufen.`,
          'Stadtfunk hat die Zugänge der Agentur zu den zugeordneten Kanälen beendet.',
          'Bitte prüfen Sie, ob die Agentur personenbezogene Daten zurückgegeben oder gelöscht hat',
          '(Art. 28 Abs. 3 lit. g DSGVO).',
          '',
          mailFooter(ctx.config.publicUrl, PROCESSORS_PATH),
        ].join('\n'),
      }));
      mailsSent = (await sendEach(mailer, messages, ctx.log, 'contract-end')).sent;
    }
    return {
      status: 'done',
      detail: {
        ended: result.ended,
        accountsLoggedOut: result.accountsLoggedOut,
        notifications: result.notified.length,
        mailsSent,
      },
    };
  },
});
