// Texts for one case ("Anfrage Nr. …"): the work on it, the reply with the Art. 21(4) notice,
// notes, attachments, the Löschsperre and the history.
import type { Translations } from '../i18n/i18n.types.ts';

export const caseDe = {
  'cases.section.overview': 'Überblick',
  'cases.section.contact': 'Kontakt und Anliegen',
  'cases.section.rights': 'Rechte der Person',
  'cases.section.work': 'Bearbeitung',
  'cases.section.reply': 'Antwort erfassen',
  'cases.section.note': 'Interne Notiz',
  'cases.section.attachments': 'Anhänge',
  'cases.section.hold': 'Löschsperre',
  'cases.section.timeline': 'Verlauf',

  'cases.linked.title': 'Verknüpfte Einträge aus dem Posteingang',
  'cases.linked.item': '{platform}, {kind}, eingegangen {at}',

  'cases.status.toWaiting': 'Auf Rückmeldung warten',
  'cases.status.toOpen': 'Wieder in Bearbeitung nehmen',
  'cases.status.toClosed': 'Anfrage abschließen',
  'cases.status.reopen': 'Anfrage wieder öffnen',
  'cases.status.reopenHint':
    'Wenn Sie die Anfrage wieder öffnen, wird die Löschfrist angehalten. Sie beginnt beim nächsten Abschluss neu.',
  'cases.status.closeTitle': 'Anfrage abschließen?',
  'cases.status.closeText':
    'Mit dem Abschluss beginnt die Aufbewahrungsfrist: {months} Monate danach werden alle personenbezogenen Daten dieser Anfrage gelöscht.',
  'cases.status.closeTextHold':
    'Für diese Anfrage gilt eine Löschsperre. Die Frist beginnt erst, wenn Sie die Sperre aufheben.',
  'cases.status.closeConfirm': 'Abschließen',

  'cases.assign.categoryHint': 'Eine andere Kategorie kann die Aufbewahrungsfrist ändern.',
  'cases.assign.submit': 'Zuständigkeit speichern',
  'cases.assign.saved': 'Die Änderung wurde gespeichert.',
  'cases.assign.nothing': 'Es gibt nichts zu speichern.',

  'cases.note.label': 'Notiz',
  'cases.note.hint': 'Nur für das Team sichtbar. Die Person erhält die Notiz nicht.',
  'cases.note.submit': 'Notiz speichern',
  'cases.note.saved': 'Die Notiz wurde gespeichert.',

  'cases.reply.intro':
    'Per E-Mail und auf der Plattform verschickt Stadtfunk die Antwort selbst (E-Mail nur, wenn der Mailversand eingerichtet ist). Antworten per Telefon oder Brief halten Sie hier fest.',
  'cases.reply.channel': 'Weg der Antwort',
  'cases.reply.channel.email': 'E-Mail',
  'cases.reply.channel.phone': 'Telefon',
  'cases.reply.channel.letter': 'Brief',
  'cases.reply.channel.platform': 'Auf der Plattform',
  'cases.reply.text': 'Ihre Antwort',
  'cases.reply.textHint': 'Den Hinweis auf das Widerspruchsrecht fügt Stadtfunk getrennt an.',
  'cases.reply.textRequired': 'Bitte geben Sie den Text der Antwort ein.',
  'cases.reply.noticeRequired':
    'Hinweis auf das Widerspruchsrecht (Art. 21 Abs. 4 DSGVO) und Link zur Datenschutzerklärung anfügen',
  'cases.reply.noticeRequiredHint':
    'Pflicht bei der ersten Antwort: Die Person muss deutlich und getrennt vom übrigen Text auf ihr Widerspruchsrecht hingewiesen werden.',
  'cases.reply.noticeAgain': 'Hinweis auf das Widerspruchsrecht erneut anfügen',
  'cases.reply.noticeMissing': 'Ohne diesen Hinweis lehnt Stadtfunk die erste Antwort ab.',
  'cases.reply.noticeLanguage': 'Sprache des Hinweises',
  'cases.reply.languageDe': 'Deutsch',
  'cases.reply.languageEn': 'Englisch',
  'cases.reply.noticeBlockTitle': 'Dieser Hinweis wird unter Ihrer Antwort angefügt:',
  'cases.reply.privacyBlockTitle':
    'Die erste Antwort erhält automatisch diesen Hinweis zum Datenschutz:',
  'cases.reply.submit': 'Antwort erfassen',
  'cases.reply.saved':
    'Die Antwort wurde erfasst. Den vollständigen Text mit Hinweis finden Sie im Verlauf.',
  'cases.reply.refusedTitle': 'Die Antwort wurde nicht gespeichert',

  'cases.attachments.none': 'Keine Anhänge.',
  'cases.attachments.download': '{name} herunterladen',
  'cases.attachments.label': 'Datei anhängen',
  'cases.attachments.hint': 'PDF, JPEG, PNG, GIF oder WebP, höchstens 10 MB.',
  'cases.attachments.choose': 'Bitte wählen Sie eine Datei aus.',
  'cases.attachments.wrongType':
    'Dieser Dateityp ist nicht erlaubt. Bitte wählen Sie eine PDF-Datei oder ein Bild (JPEG, PNG, GIF oder WebP).',
  'cases.attachments.tooLarge':
    'Die Datei ist größer als 10 MB. Bitte wählen Sie eine kleinere Datei.',
  'cases.attachments.submit': 'Hochladen',
  'cases.attachments.saved': '„{name}“ wurde angehängt.',

  'cases.hold.intro':
    'Eine Löschsperre setzt die Löschung aus, solange eine gesetzliche Aufbewahrungspflicht besteht oder die Daten für einen Rechtsstreit gebraucht werden (Art. 17 Abs. 3 DSGVO).',
  'cases.hold.none': 'Für diese Anfrage gilt keine Löschsperre.',
  'cases.hold.kind': 'Art der Sperre',
  'cases.hold.kind.retention-duty': 'Gesetzliche Aufbewahrungspflicht',
  'cases.hold.kind.retention-dutyHint':
    'Eine Vorschrift verlangt, die Unterlagen länger aufzubewahren (Art. 17 Abs. 3 lit. b DSGVO).',
  'cases.hold.kind.legal-hold': 'Rechtsstreit (Legal Hold)',
  'cases.hold.kind.legal-holdHint':
    'Die Daten werden für die Geltendmachung, Ausübung oder Verteidigung von Rechtsansprüchen gebraucht (Art. 17 Abs. 3 lit. e DSGVO).',
  'cases.hold.reason': 'Grund',
  'cases.hold.reasonHint':
    'Bitte schreiben Sie keine Namen oder Kontaktdaten in den Grund: Er ist in der Übersicht „Aufbewahrung und Löschung“ für alle sichtbar. Beispiel: „Aktenzeichen 12 K 345/26“.',
  'cases.hold.reasonRequired': 'Bitte geben Sie einen Grund an (mindestens 3 Zeichen).',
  'cases.hold.reviewOn': 'Überprüfen am',
  'cases.hold.reviewOnHint': 'An diesem Tag erscheint die Sperre als „Überprüfung fällig“.',
  'cases.hold.reviewOnRequired': 'Bitte geben Sie ein Datum für die Überprüfung an.',
  'cases.hold.reviewDue': 'Überprüfung fällig',
  'cases.hold.setAt': 'Gesetzt am',
  'cases.hold.submit': 'Löschsperre setzen',
  'cases.hold.clear': 'Löschsperre aufheben',
  'cases.hold.clearTitle': 'Löschsperre aufheben?',
  'cases.hold.clearTextClosed':
    'Die Anfrage ist abgeschlossen. Die Löschfrist ({months} Monate nach dem Abschluss) gilt wieder. Ist sie schon abgelaufen, wird die Anfrage beim nächsten Löschlauf gelöscht.',
  'cases.hold.clearTextOpen': 'Die Löschfrist beginnt, sobald die Anfrage abgeschlossen ist.',
  'cases.hold.clearConfirm': 'Sperre aufheben',

  'cases.timeline.empty': 'Noch keine Einträge.',
  'cases.timeline.system': 'Stadtfunk',
  'cases.event.created': 'Anfrage angelegt',
  'cases.event.status': 'Status geändert',
  'cases.event.statusDetail': '{from} → {to}',
  'cases.event.note': 'Notiz',
  'cases.event.reply': 'Antwort',
  'cases.event.deliverySent': 'versendet',
  'cases.event.deliveryFailed': 'Versand fehlgeschlagen – bitte auf anderem Weg antworten',
  'cases.event.deliveryNoMailer': 'nur festgehalten (kein Mailversand eingerichtet)',
  'cases.event.withObjectionNotice': 'mit Hinweis auf das Widerspruchsrecht',
  'cases.event.withPrivacyNotice': 'mit Hinweis zum Datenschutz',
  'cases.event.attachment': 'Anhang hinzugefügt',
  'cases.event.hold': 'Löschsperre gesetzt',
  'cases.event.hold-cleared': 'Löschsperre aufgehoben',
  'cases.event.linked': 'Eintrag aus dem Posteingang verknüpft',
  'cases.event.updated': 'Angaben geändert',
  'cases.event.contactChanged': 'Kontaktdaten berichtigt',
} as const;

export const caseEn: Translations<typeof caseDe> = {
  'cases.section.overview': 'Overview',
  'cases.section.contact': 'Contact and concern',
  'cases.section.rights': 'Rights of the person',
  'cases.section.work': 'Processing',
  'cases.section.reply': 'Record a reply',
  'cases.section.note': 'Internal note',
  'cases.section.attachments': 'Attachments',
  'cases.section.hold': 'Hold (Löschsperre)',
  'cases.section.timeline': 'History',

  'cases.linked.title': 'Linked inbox items',
  'cases.linked.item': '{platform}, {kind}, received {at}',

  'cases.status.toWaiting': 'Wait for a response',
  'cases.status.toOpen': 'Take back into progress',
  'cases.status.toClosed': 'Close enquiry',
  'cases.status.reopen': 'Reopen enquiry',
  'cases.status.reopenHint':
    'Reopening the enquiry stops the deletion period. It starts again at the next closing.',
  'cases.status.closeTitle': 'Close the enquiry?',
  'cases.status.closeText':
    'Closing starts the retention period: {months} months later all personal data of this enquiry is deleted.',
  'cases.status.closeTextHold':
    'This enquiry is under a hold. The period only starts once you lift the hold.',
  'cases.status.closeConfirm': 'Close',

  'cases.assign.categoryHint': 'Another category may change the retention period.',
  'cases.assign.submit': 'Save responsibility',
  'cases.assign.saved': 'The change has been saved.',
  'cases.assign.nothing': 'There is nothing to save.',

  'cases.note.label': 'Note',
  'cases.note.hint': 'Visible to the team only. The person does not receive the note.',
  'cases.note.submit': 'Save note',
  'cases.note.saved': 'The note has been saved.',

  'cases.reply.intro':
    'Stadtfunk sends replies by e-mail and on the platform itself (e-mail only where sending mail is set up). Record replies by phone or letter here.',
  'cases.reply.channel': 'Way of the reply',
  'cases.reply.channel.email': 'E-mail',
  'cases.reply.channel.phone': 'Phone',
  'cases.reply.channel.letter': 'Letter',
  'cases.reply.channel.platform': 'On the platform',
  'cases.reply.text': 'Your reply',
  'cases.reply.textHint': 'Stadtfunk adds the notice on the right to object separately.',
  'cases.reply.textRequired': 'Please enter the text of the reply.',
  'cases.reply.noticeRequired':
    'Add the notice on the right to object (Art. 21 Abs. 4 DSGVO) and the privacy-notice link',
  'cases.reply.noticeRequiredHint':
    'Required for the first reply: the person must be told clearly and separately from the other text about the Widerspruchsrecht.',
  'cases.reply.noticeAgain': 'Add the notice on the right to object again',
  'cases.reply.noticeMissing': 'Without this notice Stadtfunk refuses the first reply.',
  'cases.reply.noticeLanguage': 'Language of the notice',
  'cases.reply.languageDe': 'German',
  'cases.reply.languageEn': 'English',
  'cases.reply.noticeBlockTitle': 'This notice is added below your reply:',
  'cases.reply.privacyBlockTitle': 'The first reply automatically gets this privacy notice:',
  'cases.reply.submit': 'Record reply',
  'cases.reply.saved':
    'The reply has been recorded. The full text with the notice is in the history.',
  'cases.reply.refusedTitle': 'The reply was not saved',

  'cases.attachments.none': 'No attachments.',
  'cases.attachments.download': 'Download {name}',
  'cases.attachments.label': 'Attach a file',
  'cases.attachments.hint': 'PDF, JPEG, PNG, GIF or WebP, at most 10 MB.',
  'cases.attachments.choose': 'Please choose a file.',
  'cases.attachments.wrongType':
    'This file type is not allowed. Please choose a PDF file or an image (JPEG, PNG, GIF or WebP).',
  'cases.attachments.tooLarge': 'The file is larger than 10 MB. Please choose a smaller file.',
  'cases.attachments.submit': 'Upload',
  'cases.attachments.saved': '“{name}” has been attached.',

  'cases.hold.intro':
    'A hold suspends the deletion while a statutory retention duty applies or the data is needed for legal claims (Art. 17 Abs. 3 DSGVO).',
  'cases.hold.none': 'This enquiry is not under a hold.',
  'cases.hold.kind': 'Kind of hold',
  'cases.hold.kind.retention-duty': 'Statutory retention duty',
  'cases.hold.kind.retention-dutyHint':
    'A regulation requires keeping the records longer (Art. 17 Abs. 3 lit. b DSGVO).',
  'cases.hold.kind.legal-hold': 'Legal hold',
  'cases.hold.kind.legal-holdHint':
    'The data is needed for the establishment, exercise or defence of legal claims (Art. 17 Abs. 3 lit. e DSGVO).',
  'cases.hold.reason': 'Reason',
  'cases.hold.reasonHint':
    'Please write no names or contact data into the reason: everyone sees it on “Retention and deletion”. Example: “file no. 12 K 345/26”.',
  'cases.hold.reasonRequired': 'Please give a reason (at least 3 characters).',
  'cases.hold.reviewOn': 'Review on',
  'cases.hold.reviewOnHint': 'On this day the hold shows as “review due”.',
  'cases.hold.reviewOnRequired': 'Please give a date for the review.',
  'cases.hold.reviewDue': 'Review due',
  'cases.hold.setAt': 'Set on',
  'cases.hold.submit': 'Set hold',
  'cases.hold.clear': 'Lift hold',
  'cases.hold.clearTitle': 'Lift the hold?',
  'cases.hold.clearTextClosed':
    'The enquiry is closed. The deletion period ({months} months after closing) applies again. If it has already passed, the enquiry is deleted at the next run.',
  'cases.hold.clearTextOpen': 'The deletion period starts once the enquiry is closed.',
  'cases.hold.clearConfirm': 'Lift hold',

  'cases.timeline.empty': 'No entries yet.',
  'cases.timeline.system': 'Stadtfunk',
  'cases.event.created': 'Enquiry created',
  'cases.event.status': 'Status changed',
  'cases.event.statusDetail': '{from} → {to}',
  'cases.event.note': 'Note',
  'cases.event.reply': 'Reply',
  'cases.event.deliverySent': 'sent',
  'cases.event.deliveryFailed': 'sending failed – please reply another way',
  'cases.event.deliveryNoMailer': 'recorded only (no mail sending set up)',
  'cases.event.withObjectionNotice': 'with notice on the right to object',
  'cases.event.withPrivacyNotice': 'with privacy notice',
  'cases.event.attachment': 'Attachment added',
  'cases.event.hold': 'Hold set',
  'cases.event.hold-cleared': 'Hold lifted',
  'cases.event.linked': 'Inbox item linked',
  'cases.event.updated': 'Details changed',
  'cases.event.contactChanged': 'Contact data rectified',
};
