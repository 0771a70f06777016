/**
 * Canned answers seeded on first start; communications edits them afterwards. Sie-Form, short,
 * and never asking for personal data in public.
 */
export const DEFAULT_CANNED_ANSWERS: readonly {
  readonly title: string;
  readonly text: string;
  readonly language: 'de' | 'en';
}[] = [
  {
    title: 'Danke für den Hinweis',
    text: 'Vielen Dank für Ihren Hinweis! Wir haben ihn an die zuständige Stelle weitergegeben.',
    language: 'de',
  },
  {
    title: 'Wir prüfen das',
    text: 'Vielen Dank für Ihre Nachricht. Wir prüfen Ihr Anliegen und melden uns so bald wie möglich bei Ihnen.',
    language: 'de',
  },
  {
    title: 'Bitte keine persönlichen Daten öffentlich',
    text: 'Zu Ihrem Schutz: Bitte teilen Sie keine persönlichen Daten (z. B. Telefonnummer, Adresse oder Aktenzeichen) in öffentlichen Kommentaren. Schreiben Sie uns gern per Direktnachricht oder über unser Kontaktformular – dort können wir Ihr Anliegen vertraulich bearbeiten.',
    language: 'de',
  },
  {
    title: 'Hinweis auf die Netiquette',
    text: 'Wir freuen uns über eine lebhafte Diskussion. Bitte bleiben Sie dabei sachlich und respektvoll. Beiträge, die gegen unsere Netiquette verstoßen, blenden wir aus. Die Netiquette finden Sie auf unserer Website.',
    language: 'de',
  },
  {
    title: 'Andere Stelle zuständig',
    text: 'Vielen Dank für Ihre Nachricht. Für dieses Anliegen ist die Stadtverwaltung leider nicht zuständig. Bitte wenden Sie sich an die zuständige Stelle; gern nennen wir Ihnen per Direktnachricht die passende Ansprechstelle.',
    language: 'de',
  },
  {
    title: 'Thank you (English)',
    text: 'Thank you for your message. We are looking into it and will get back to you as soon as possible.',
    language: 'en',
  },
];
