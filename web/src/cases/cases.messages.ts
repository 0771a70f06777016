// Texts for "Anfragen" (cases): list, search, new case, legal bases and rights, retention
// dashboard, deletion log and settings. Legal terms stay German in the English version too.
import type { Translations } from '../i18n/i18n.types.ts';

export const casesDe = {
  'cases.title': 'Anfragen',
  'cases.intro':
    'Anfragen von Bürgerinnen und Bürgern mit Kontakt, Anliegen, Rechtsgrundlage, Antworten und Verlauf. Abgeschlossene Anfragen werden nach Ablauf der Aufbewahrungsfrist vollständig gelöscht.',
  'cases.number': 'Anfrage Nr. {number}',
  'cases.backToList': 'Zurück zur Übersicht „Anfragen“',
  'cases.notFoundTitle': 'Anfrage nicht gefunden',
  'cases.nobody': 'Niemand',
  'cases.someoneElse': 'eine andere Person',
  'cases.noUnit': 'Keine Einheit',

  'cases.status.open': 'In Bearbeitung',
  'cases.status.waiting': 'Wartet auf Rückmeldung',
  'cases.status.closed': 'Abgeschlossen',
  'cases.source.inbox': 'Posteingang (Kommentar oder Nachricht)',
  'cases.source.web-form': 'Kontaktformular',
  'cases.source.email': 'E-Mail',
  'cases.source.phone': 'Telefon',

  'cases.field.status': 'Status',
  'cases.field.category': 'Kategorie',
  'cases.field.legalBasis': 'Rechtsgrundlage',
  'cases.field.source': 'Eingang über',
  'cases.field.unit': 'Zuständige Einheit',
  'cases.field.assignee': 'Zuständige Person',
  'cases.field.concern': 'Anliegen',
  'cases.field.createdAt': 'Angelegt am',
  'cases.field.firstReplyAt': 'Erste Antwort am',
  'cases.field.closedAt': 'Abgeschlossen am',

  'cases.list.table': 'Tabelle der Anfragen',
  'cases.list.case': 'Anfrage',
  'cases.list.name': 'Name',
  'cases.list.noName': 'ohne Namen',
  'cases.list.received': 'Eingegangen',
  'cases.list.deleteAt': 'Löschung am',
  'cases.list.count': '{count} Anfragen angezeigt.',
  'cases.list.countOne': '1 Anfrage angezeigt.',
  'cases.list.countSearch': '{count} Anfragen zu Ihrer Suche gefunden.',
  'cases.list.countSearchOne': '1 Anfrage zu Ihrer Suche gefunden.',
  'cases.list.empty': 'Keine Anfragen für diese Auswahl.',
  'cases.list.emptySearch':
    'Keine Anfrage gefunden. Die Suche findet nur genaue Angaben – prüfen Sie die Schreibweise oder suchen Sie nach der vollständigen E-Mail-Adresse oder Telefonnummer.',
  'cases.list.more': 'Weitere Anfragen laden',

  'cases.filter.title': 'Filter',
  'cases.filter.all': 'Alle',
  'cases.filter.status': 'Status',
  'cases.filter.statusClosedOnly': 'Bei „Löschung fällig bis“ nur abgeschlossene Anfragen.',
  'cases.filter.category': 'Kategorie',
  'cases.filter.unit': 'Einheit',
  'cases.filter.assignee': 'Zuständige Person',
  'cases.filter.deleteBy': 'Löschung fällig bis',
  'cases.filter.deleteByHint':
    'Zeigt abgeschlossene Anfragen, die bis zu diesem Tag gelöscht werden.',
  'cases.filter.reset': 'Filter zurücksetzen',

  'cases.search.title': 'Anfragen einer Person finden',
  'cases.search.label': 'Name, E-Mail-Adresse, Telefonnummer oder Konto',
  'cases.search.hint':
    'Die Suche findet nur genaue Angaben, keine Wortteile: zum Beispiel „Anna Muster“, „Muster“, „anna@example.org“, „0711 123456“ oder „@anna“. Groß- und Kleinschreibung und Leerzeichen spielen keine Rolle. Grund: Die Kontaktdaten sind verschlüsselt gespeichert.',
  'cases.search.submit': 'Suchen',
  'cases.search.clear': 'Suche zurücksetzen',
  'cases.search.tooShort': 'Bitte geben Sie mindestens 2 Zeichen ein.',

  'cases.create.link': 'Neue Anfrage erfassen',
  'cases.create.title': 'Neue Anfrage erfassen',
  'cases.create.intro':
    'Erfassen Sie eine Anfrage, die per E-Mail, Telefon oder Kontaktformular eingegangen ist. Anfragen aus dem Posteingang legen Sie dort mit „Als Vorgang anlegen“ an.',
  'cases.create.concernHint':
    'Worum bittet die Person? Notieren Sie nur, was für die Antwort nötig ist.',
  'cases.create.concernRequired': 'Bitte beschreiben Sie das Anliegen.',
  'cases.create.categoryHint':
    'Die Kategorie bestimmt, wie lange die Anfrage nach dem Abschluss aufbewahrt wird.',
  'cases.create.submit': 'Anfrage anlegen',
  'cases.create.done': 'Die Anfrage wurde angelegt.',

  'cases.contact.title': 'Kontakt',
  'cases.contact.hint':
    'Alle Angaben sind freiwillig. Sie brauchen aber mindestens einen Weg für die Antwort: E-Mail-Adresse, Telefonnummer, Postanschrift oder ein Konto zusammen mit der Plattform.',
  'cases.contact.needWay':
    'Bitte geben Sie mindestens einen Weg für die Antwort an: E-Mail-Adresse, Telefonnummer, Postanschrift oder Konto mit Plattform.',
  'cases.contact.name': 'Name',
  'cases.contact.email': 'E-Mail-Adresse',
  'cases.contact.phone': 'Telefonnummer',
  'cases.contact.phoneHint': 'Nur Ziffern und + ( ) / -',
  'cases.contact.handle': 'Konto auf einer Plattform',
  'cases.contact.handleHint': 'Zum Beispiel @anna@mastodon.social',
  'cases.contact.platform': 'Plattform des Kontos',
  'cases.contact.noPlatform': 'Keine Plattform',
  'cases.contact.address': 'Postanschrift',
  'cases.contact.edit': 'Kontaktdaten berichtigen',
  'cases.contact.editHint':
    'Berichtigung nach Art. 16 DSGVO: Die neuen Angaben ersetzen die bisherigen vollständig. Die Suche findet die Anfrage danach nur noch mit den neuen Angaben.',
  'cases.contact.save': 'Berichtigung speichern',
  'cases.contact.saved': 'Die Kontaktdaten wurden berichtigt.',

  'cases.basis.hint':
    'Die Rechtsgrundlage bestimmt, welche Rechte die Person hat. Für allgemeine Anfragen ist es Art. 6 Abs. 1 lit. e DSGVO.',
  'cases.basis.explain.art6-1-e':
    'Die Stadt beantwortet die Anfrage als öffentliche Aufgabe. Das passt für fast alle Anfragen, Hinweise und Beschwerden.',
  'cases.basis.explain.art6-1-b':
    'Die Person möchte einen Vertrag mit der Stadt schließen oder ihn vorbereiten, zum Beispiel eine Buchung oder eine Bestellung.',
  'cases.basis.explain.other': 'Eine in den Einstellungen ergänzte Rechtsgrundlage.',
  'cases.basis.rightsInline': 'Rechte der Person: {rights}.',
  'cases.basis.objectionNote':
    'Widerspruchsrecht nach Art. 21 DSGVO: Die erste Antwort muss darauf hinweisen. Stadtfunk fügt den Hinweis ein.',
  'cases.right.access': 'Auskunft (Art. 15 DSGVO)',
  'cases.right.rectification': 'Berichtigung (Art. 16 DSGVO)',
  'cases.right.erasure': 'Löschung (Art. 17 DSGVO)',
  'cases.right.restriction': 'Einschränkung der Verarbeitung (Art. 18 DSGVO)',
  'cases.right.portability': 'Datenübertragbarkeit (Art. 20 DSGVO)',
  'cases.right.objection': 'Widerspruch (Art. 21 DSGVO)',
  'cases.right.complaint': 'Beschwerde bei der Aufsichtsbehörde (Art. 77 DSGVO)',
  'cases.rights.intro': 'Aus der Rechtsgrundlage ({citation}) folgen diese Rechte der Person:',
  'cases.rights.noObjection':
    'Ein Widerspruchsrecht nach Art. 21 DSGVO besteht bei dieser Rechtsgrundlage nicht.',

  'cases.deletion.on': 'Löschung am {date}',
  'cases.deletion.onText':
    'Diese Anfrage ist abgeschlossen. Am {date} löscht Stadtfunk alle personenbezogenen Daten dieser Anfrage: Kontakt, Anliegen, Notizen, Antworten und Anhänge. Aufbewahrung: {months} Monate nach dem Abschluss.',
  'cases.deletion.attempts':
    'Die Löschung ist bisher {count}-mal fehlgeschlagen. Sie wird beim nächsten Lauf erneut versucht.',
  'cases.deletion.heldTitle': 'Löschung ausgesetzt',
  'cases.deletion.heldText':
    'Für diese Anfrage gilt eine Löschsperre ({kind}). Bitte prüfen Sie am {date}, ob sie noch nötig ist.',
  'cases.deletion.notYetTitle': 'Noch keine Löschfrist',
  'cases.deletion.notYet':
    'Die Frist beginnt mit dem Abschluss: {months} Monate danach werden alle personenbezogenen Daten dieser Anfrage gelöscht.',
  'cases.deletion.onHold': 'Löschsperre',

  'cases.retention.link': 'Aufbewahrung und Löschung',
  'cases.retention.title': 'Aufbewahrung und Löschung',
  'cases.retention.intro':
    'Abgeschlossene Anfragen werden nach Ablauf ihrer Frist jede Nacht gelöscht. Hier sehen Sie, was in den nächsten 30 Tagen gelöscht wird, welche Löschsperren gelten und wie der letzte Lauf verlief.',
  'cases.retention.countsTitle': 'Anfragen',
  'cases.retention.countOpen': 'in Bearbeitung',
  'cases.retention.countWaiting': 'warten auf Rückmeldung',
  'cases.retention.countClosed': 'abgeschlossen',
  'cases.retention.countDue': 'Löschung fällig',
  'cases.retention.upcomingTitle': 'Löschungen in den nächsten 30 Tagen',
  'cases.retention.upcomingTable': 'Tabelle der anstehenden Löschungen',
  'cases.retention.noUpcoming': 'In den nächsten 30 Tagen steht keine Löschung an.',
  'cases.retention.attempts': 'Fehlversuche',
  'cases.retention.failedAttempts': '{count} fehlgeschlagen',
  'cases.retention.overdue': 'überfällig',
  'cases.retention.holdsTitle': 'Löschsperren',
  'cases.retention.holdsHint':
    'Anfragen mit einer gesetzlichen Aufbewahrungspflicht oder einer Sperre wegen eines Rechtsstreits werden nicht gelöscht. Prüfen Sie sie zum angegebenen Datum.',
  'cases.retention.holdsTable': 'Tabelle der Löschsperren',
  'cases.retention.noHolds': 'Es gibt keine Löschsperren.',
  'cases.retention.sweepTitle': 'Letzter Löschlauf',
  'cases.retention.noSweep': 'Es hat noch kein Löschlauf stattgefunden.',
  'cases.retention.sweepAt': 'Zeitpunkt',
  'cases.retention.sweepDue': 'Fällige Anfragen',
  'cases.retention.sweepDeleted': 'Gelöscht',
  'cases.retention.sweepFailed': 'Fehlgeschlagen',
  'cases.retention.sweepRetried': 'Einzeln wiederholt',

  'cases.log.link': 'Löschprotokoll',
  'cases.log.title': 'Löschprotokoll',
  'cases.log.intro':
    'Ein Eintrag je gelöschter Anfrage, ohne personenbezogene Daten. Die Kennung ist ein verschlüsselter Prüfwert der Anfrage: Wer die ursprüngliche Kennung noch kennt, kann den Eintrag zuordnen, aber niemand kann daraus auf die Person schließen.',
  'cases.log.backToRetention': 'Zurück zu „Aufbewahrung und Löschung“',
  'cases.log.table': 'Tabelle des Löschprotokolls',
  'cases.log.deletedAt': 'Gelöscht am',
  'cases.log.hash': 'Kennung',
  'cases.log.createdOn': 'Angelegt am',
  'cases.log.closedOn': 'Abgeschlossen am',
  'cases.log.rule': 'Angewandte Regel',
  'cases.log.trigger': 'Auslöser',
  'cases.log.attempts': 'Versuche',
  'cases.log.removed': 'Mitgelöscht',
  'cases.log.removedText':
    '{deleted} Nachrichten gelöscht, {blanked} Kommentare geleert, {attachments} Anhänge',
  'cases.log.count': '{count} Einträge angezeigt.',
  'cases.log.countOne': '1 Eintrag angezeigt.',
  'cases.log.empty': 'Bisher wurde keine Anfrage gelöscht.',
  'cases.log.more': 'Weitere Einträge laden',

  'cases.settings.link': 'Einstellungen',
  'cases.settings.title': 'Anfragen – Einstellungen',
  'cases.settings.intro':
    'Wie lange abgeschlossene Anfragen aufbewahrt werden, die Kategorien und der Link zur Datenschutzerklärung in den Antworten.',
  'cases.settings.retentionTitle': 'Aufbewahrung und Kategorien',
  'cases.settings.defaultMonths': 'Aufbewahrung nach Abschluss (Monate)',
  'cases.settings.defaultMonthsHint':
    'Gilt für alle Kategorien ohne eigene Frist. Eine Änderung gilt sofort auch für bereits abgeschlossene Anfragen.',
  'cases.settings.categories': 'Kategorien',
  'cases.settings.categoriesHint':
    'Lassen Sie die Frist leer, gilt die allgemeine Aufbewahrung. Schlüssel: nur a–z, 0–9 und Bindestrich; er lässt sich später nicht ändern.',
  'cases.settings.key': 'Schlüssel',
  'cases.settings.label': 'Bezeichnung (Deutsch)',
  'cases.settings.labelEn': 'Bezeichnung (Englisch)',
  'cases.settings.months': 'Eigene Frist (Monate)',
  'cases.settings.monthsDefault': 'allgemein',
  'cases.settings.keyOf': 'Schlüssel der Kategorie {number}',
  'cases.settings.labelOf': 'Deutsche Bezeichnung der Kategorie {number}',
  'cases.settings.labelEnOf': 'Englische Bezeichnung der Kategorie {number}',
  'cases.settings.monthsOf': 'Eigene Frist der Kategorie {number} in Monaten',
  'cases.settings.keyInvalid': 'Nur a–z, 0–9 und Bindestrich, 2 bis 60 Zeichen.',
  'cases.settings.addCategory': 'Kategorie hinzufügen',
  'cases.settings.privacyUrl': 'Link zur Datenschutzerklärung',
  'cases.settings.privacyUrlHint':
    'Steht in jeder ersten Antwort. Leer lassen für die von Stadtfunk erzeugte Datenschutzerklärung.',
  'cases.settings.saved': 'Die Einstellungen wurden gespeichert.',
  'cases.settings.basesTitle': 'Rechtsgrundlagen',
  'cases.settings.basesHint':
    'Diese Rechtsgrundlagen stehen beim Anlegen einer Anfrage zur Wahl. Weitere Rechtsgrundlagen ergänzt die Abteilung Kommunikation derzeit über die Schnittstelle.',
} as const;

export const casesEn: Translations<typeof casesDe> = {
  'cases.title': 'Enquiries',
  'cases.intro':
    'Enquiries from citizens with contact, concern, legal basis (Rechtsgrundlage), replies and history. Closed enquiries are deleted completely when their retention period ends.',
  'cases.number': 'Enquiry no. {number}',
  'cases.backToList': 'Back to “Enquiries”',
  'cases.notFoundTitle': 'Enquiry not found',
  'cases.nobody': 'Nobody',
  'cases.someoneElse': 'another person',
  'cases.noUnit': 'No unit',

  'cases.status.open': 'In progress',
  'cases.status.waiting': 'Waiting for a response',
  'cases.status.closed': 'Closed',
  'cases.source.inbox': 'Inbox (comment or message)',
  'cases.source.web-form': 'Contact form',
  'cases.source.email': 'E-mail',
  'cases.source.phone': 'Phone',

  'cases.field.status': 'Status',
  'cases.field.category': 'Category',
  'cases.field.legalBasis': 'Legal basis (Rechtsgrundlage)',
  'cases.field.source': 'Received via',
  'cases.field.unit': 'Responsible unit',
  'cases.field.assignee': 'Responsible person',
  'cases.field.concern': 'Concern',
  'cases.field.createdAt': 'Created on',
  'cases.field.firstReplyAt': 'First reply on',
  'cases.field.closedAt': 'Closed on',

  'cases.list.table': 'Table of enquiries',
  'cases.list.case': 'Enquiry',
  'cases.list.name': 'Name',
  'cases.list.noName': 'no name',
  'cases.list.received': 'Received',
  'cases.list.deleteAt': 'Deletion on',
  'cases.list.count': '{count} enquiries shown.',
  'cases.list.countOne': '1 enquiry shown.',
  'cases.list.countSearch': '{count} enquiries found for your search.',
  'cases.list.countSearchOne': '1 enquiry found for your search.',
  'cases.list.empty': 'No enquiries for this selection.',
  'cases.list.emptySearch':
    'No enquiry found. The search only finds exact values – check the spelling or search for the full e-mail address or phone number.',
  'cases.list.more': 'Load more enquiries',

  'cases.filter.title': 'Filters',
  'cases.filter.all': 'All',
  'cases.filter.status': 'Status',
  'cases.filter.statusClosedOnly': 'With “Deletion due by”, closed enquiries only.',
  'cases.filter.category': 'Category',
  'cases.filter.unit': 'Unit',
  'cases.filter.assignee': 'Responsible person',
  'cases.filter.deleteBy': 'Deletion due by',
  'cases.filter.deleteByHint': 'Shows closed enquiries that will be deleted by this day.',
  'cases.filter.reset': 'Reset filters',

  'cases.search.title': 'Find the enquiries of a person',
  'cases.search.label': 'Name, e-mail address, phone number or account',
  'cases.search.hint':
    'The search only finds exact values, not parts of words: for example “Anna Muster”, “Muster”, “anna@example.org”, “0711 123456” or “@anna”. Case and spaces do not matter. Reason: contact data is stored encrypted.',
  'cases.search.submit': 'Search',
  'cases.search.clear': 'Reset search',
  'cases.search.tooShort': 'Please enter at least 2 characters.',

  'cases.create.link': 'Record a new enquiry',
  'cases.create.title': 'Record a new enquiry',
  'cases.create.intro':
    'Record an enquiry received by e-mail, phone or contact form. Enquiries from the inbox are created there with “Als Vorgang anlegen”.',
  'cases.create.concernHint': 'What is the person asking for? Note only what the reply needs.',
  'cases.create.concernRequired': 'Please describe the concern.',
  'cases.create.categoryHint': 'The category decides how long the enquiry is kept after closing.',
  'cases.create.submit': 'Create enquiry',
  'cases.create.done': 'The enquiry has been created.',

  'cases.contact.title': 'Contact',
  'cases.contact.hint':
    'Every field is optional, but you need at least one way to reply: e-mail address, phone number, postal address or an account together with its platform.',
  'cases.contact.needWay':
    'Please give at least one way to reply: e-mail address, phone number, postal address or account with platform.',
  'cases.contact.name': 'Name',
  'cases.contact.email': 'E-mail address',
  'cases.contact.phone': 'Phone number',
  'cases.contact.phoneHint': 'Digits and + ( ) / - only',
  'cases.contact.handle': 'Account on a platform',
  'cases.contact.handleHint': 'For example @anna@mastodon.social',
  'cases.contact.platform': 'Platform of the account',
  'cases.contact.noPlatform': 'No platform',
  'cases.contact.address': 'Postal address',
  'cases.contact.edit': 'Rectify contact data',
  'cases.contact.editHint':
    'Rectification under Art. 16 DSGVO: the new details replace the old ones completely. Afterwards the search finds the enquiry only with the new details.',
  'cases.contact.save': 'Save rectification',
  'cases.contact.saved': 'The contact data has been rectified.',

  'cases.basis.hint':
    'The legal basis decides which rights the person has. For general enquiries it is Art. 6 Abs. 1 lit. e DSGVO.',
  'cases.basis.explain.art6-1-e':
    'The city answers the enquiry as a public task. This fits almost all enquiries, tips and complaints.',
  'cases.basis.explain.art6-1-b':
    'The person wants to enter into or prepare a contract with the city, for example a booking or an order.',
  'cases.basis.explain.other': 'A legal basis added in the settings.',
  'cases.basis.rightsInline': 'Rights of the person: {rights}.',
  'cases.basis.objectionNote':
    'Widerspruchsrecht (right to object) under Art. 21 DSGVO: the first reply must point it out. Stadtfunk adds the notice.',
  'cases.right.access': 'Access (Art. 15 DSGVO)',
  'cases.right.rectification': 'Rectification (Art. 16 DSGVO)',
  'cases.right.erasure': 'Erasure (Art. 17 DSGVO)',
  'cases.right.restriction': 'Restriction of processing (Art. 18 DSGVO)',
  'cases.right.portability': 'Data portability (Art. 20 DSGVO)',
  'cases.right.objection': 'Objection (Art. 21 DSGVO)',
  'cases.right.complaint': 'Complaint to the supervisory authority (Art. 77 DSGVO)',
  'cases.rights.intro': 'The legal basis ({citation}) gives the person these rights:',
  'cases.rights.noObjection': 'This legal basis gives no right to object under Art. 21 DSGVO.',

  'cases.deletion.on': 'Deletion on {date}',
  'cases.deletion.onText':
    'This enquiry is closed. On {date} Stadtfunk deletes all personal data of this enquiry: contact, concern, notes, replies and attachments. Retention: {months} months after closing.',
  'cases.deletion.attempts':
    'Deletion has failed {count} times so far. It will be tried again at the next run.',
  'cases.deletion.heldTitle': 'Deletion suspended',
  'cases.deletion.heldText':
    'This enquiry is under a Löschsperre ({kind}). Please check on {date} whether it is still needed.',
  'cases.deletion.notYetTitle': 'No deletion date yet',
  'cases.deletion.notYet':
    'The period starts when the enquiry is closed: {months} months later all personal data of this enquiry is deleted.',
  'cases.deletion.onHold': 'Löschsperre (hold)',

  'cases.retention.link': 'Retention and deletion',
  'cases.retention.title': 'Retention and deletion',
  'cases.retention.intro':
    'Closed enquiries are deleted every night once their period has ended. Here you see what will be deleted in the next 30 days, which holds apply and how the last run went.',
  'cases.retention.countsTitle': 'Enquiries',
  'cases.retention.countOpen': 'in progress',
  'cases.retention.countWaiting': 'waiting for a response',
  'cases.retention.countClosed': 'closed',
  'cases.retention.countDue': 'deletion due',
  'cases.retention.upcomingTitle': 'Deletions in the next 30 days',
  'cases.retention.upcomingTable': 'Table of upcoming deletions',
  'cases.retention.noUpcoming': 'No deletion is due in the next 30 days.',
  'cases.retention.attempts': 'Failed attempts',
  'cases.retention.failedAttempts': '{count} failed',
  'cases.retention.overdue': 'overdue',
  'cases.retention.holdsTitle': 'Holds (Löschsperren)',
  'cases.retention.holdsHint':
    'Enquiries under a statutory retention duty or a legal hold are not deleted. Review them on the date given.',
  'cases.retention.holdsTable': 'Table of holds',
  'cases.retention.noHolds': 'There are no holds.',
  'cases.retention.sweepTitle': 'Last deletion run',
  'cases.retention.noSweep': 'No deletion run has taken place yet.',
  'cases.retention.sweepAt': 'Time',
  'cases.retention.sweepDue': 'Enquiries due',
  'cases.retention.sweepDeleted': 'Deleted',
  'cases.retention.sweepFailed': 'Failed',
  'cases.retention.sweepRetried': 'Retried one by one',

  'cases.log.link': 'Deletion log',
  'cases.log.title': 'Deletion log',
  'cases.log.intro':
    'One entry per deleted enquiry, without personal data. The identifier is an encrypted check value of the enquiry: whoever still knows the original identifier can match the entry, but nobody can infer the person from it.',
  'cases.log.backToRetention': 'Back to “Retention and deletion”',
  'cases.log.table': 'Table of the deletion log',
  'cases.log.deletedAt': 'Deleted on',
  'cases.log.hash': 'Identifier',
  'cases.log.createdOn': 'Created on',
  'cases.log.closedOn': 'Closed on',
  'cases.log.rule': 'Rule applied',
  'cases.log.trigger': 'Trigger',
  'cases.log.attempts': 'Attempts',
  'cases.log.removed': 'Also removed',
  'cases.log.removedText':
    '{deleted} messages deleted, {blanked} comments blanked, {attachments} attachments',
  'cases.log.count': '{count} entries shown.',
  'cases.log.countOne': '1 entry shown.',
  'cases.log.empty': 'No enquiry has been deleted yet.',
  'cases.log.more': 'Load more entries',

  'cases.settings.link': 'Settings',
  'cases.settings.title': 'Enquiries – settings',
  'cases.settings.intro':
    'How long closed enquiries are kept, the categories and the privacy-notice link in replies.',
  'cases.settings.retentionTitle': 'Retention and categories',
  'cases.settings.defaultMonths': 'Retention after closing (months)',
  'cases.settings.defaultMonthsHint':
    'Applies to every category without its own period. A change applies at once to enquiries already closed.',
  'cases.settings.categories': 'Categories',
  'cases.settings.categoriesHint':
    'Leave the period empty to use the general retention. Key: a–z, 0–9 and hyphen only; it cannot be changed later.',
  'cases.settings.key': 'Key',
  'cases.settings.label': 'Name (German)',
  'cases.settings.labelEn': 'Name (English)',
  'cases.settings.months': 'Own period (months)',
  'cases.settings.monthsDefault': 'general',
  'cases.settings.keyOf': 'Key of category {number}',
  'cases.settings.labelOf': 'German name of category {number}',
  'cases.settings.labelEnOf': 'English name of category {number}',
  'cases.settings.monthsOf': 'Own period of category {number} in months',
  'cases.settings.keyInvalid': 'a–z, 0–9 and hyphen only, 2 to 60 characters.',
  'cases.settings.addCategory': 'Add category',
  'cases.settings.privacyUrl': 'Link to the privacy notice',
  'cases.settings.privacyUrlHint':
    'Included in every first reply. Leave empty for the privacy notice Stadtfunk generates.',
  'cases.settings.saved': 'The settings have been saved.',
  'cases.settings.basesTitle': 'Legal bases (Rechtsgrundlagen)',
  'cases.settings.basesHint':
    'These legal bases can be chosen when creating an enquiry. Further bases are currently added by the communications department through the API.',
};
