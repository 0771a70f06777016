import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { captureLogger } from '../../test/test-app.ts';
import { startSmtpServer } from '../../test/smtp-server.ts';
import type { TestSmtpServer } from '../../test/smtp-server.ts';
import { createMailer, mailFooter, sendEach } from './mailer.ts';

describe('mailer', () => {
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('is absent when SMTP_URL is not configured', () => {
    expect(
      createMailer({ smtpUrl: undefined, publicUrl: 'http://localhost:3000' }),
    ).toBeUndefined();
  });

  it('sends German plain text through a real SMTP server and logs counts, never addresses', async () => {
    const mailer = createMailer({
      smtpUrl: smtp.url,
      publicUrl: 'https://stadtfunk.stuttgart.example',
    });
    expect(mailer).toBeDefined();
    if (mailer === undefined) {
      return;
    }
    const { log, lines } = captureLogger();
    const result = await sendEach(
      mailer,
      [
        {
          to: 'erika.redaktion@stuttgart.example',
          subject: 'Stadtfunk: Überprüfung fällig',
          text: `Grüße aus Stuttgart.\n\n${mailFooter('https://stadtfunk.stuttgart.example', '/registry/reviews')}`,
        },
      ],
      log,
      'test',
    );
    expect(result).toEqual({ sent: 1, failed: 0 });
    const [message] = smtp.messages;
    expect(message?.to).toEqual(['erika.redaktion@stuttgart.example']);
    expect(message?.from).toBe('stadtfunk@stadtfunk.stuttgart.example');
    expect(message?.subject).toBe('Stadtfunk: Überprüfung fällig');
    expect(message?.text).toContain('Grüße aus Stuttgart.');
    expect(message?.text).toContain('https://stadtfunk.stuttgart.example/registry/reviews');
    expect(message?.raw).toMatch(/Content-Type: text\/plain/i);
    expect(lines.join('\n')).toContain('"sent":1');
    expect(lines.join('\n')).not.toContain('erika.redaktion');
  });

  it('counts a failed delivery without giving up on the others', async () => {
    const mailer = createMailer({
      smtpUrl: 'smtp://127.0.0.1:1',
      publicUrl: 'http://localhost:3000',
    });
    if (mailer === undefined) {
      throw new Error('mailer expected');
    }
    const { log, lines } = captureLogger();
    const result = await sendEach(
      mailer,
      [
        { to: 'a@example.org', subject: 'A', text: 'a' },
        { to: 'b@example.org', subject: 'B', text: 'b' },
      ],
      log,
      'test',
    );
    expect(result).toEqual({ sent: 0, failed: 2 });
    expect(lines.join('\n')).not.toContain('@example.org');
  });
});
