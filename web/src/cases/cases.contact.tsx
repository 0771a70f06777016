// The contact of a case: every field optional, but at least one way to reply (e-mail, phone,
// postal address, or an account with its platform), as the server demands.
import { NativeSelect, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useI18n } from '../i18n/i18n.context.tsx';
import { GroupFieldset } from '../registry/registry.fields.tsx';
import type { FormFeedback } from '../registry/registry.form-errors.tsx';
import { fieldProps } from '../registry/registry.form-errors.tsx';
import type { Contact } from './cases.types.ts';

const PLATFORMS = [
  'mastodon',
  'x',
  'facebook',
  'instagram',
  'linkedin',
  'youtube',
  'tiktok',
  'xing',
] as const;
const PLATFORM_NAMES: Readonly<Record<string, string>> = {
  mastodon: 'Mastodon',
  x: 'X',
  facebook: 'Facebook',
  instagram: 'Instagram',
  linkedin: 'LinkedIn',
  youtube: 'YouTube',
  tiktok: 'TikTok',
  xing: 'Xing',
};

export const EMPTY_CONTACT: Contact = {
  name: '',
  handle: '',
  platform: '',
  email: '',
  phone: '',
  address: '',
};

const filled = (value: string | null) => value !== null && value.trim() !== '';

/** The server's rule: e-mail, phone, address, or a handle together with its platform. */
export function hasWayToReply(contact: Contact): boolean {
  return (
    filled(contact.email) ||
    filled(contact.phone) ||
    filled(contact.address) ||
    (filled(contact.handle) && filled(contact.platform))
  );
}

export function trimmed(contact: Contact): Contact {
  const clean = (value: string | null) =>
    value === null || value.trim() === '' ? null : value.trim();
  return {
    name: clean(contact.name),
    handle: clean(contact.handle),
    platform: clean(contact.platform),
    email: clean(contact.email),
    phone: clean(contact.phone),
    address: clean(contact.address),
  };
}

export function ContactFields({
  formId,
  feedback,
  contact,
  onChange,
}: {
  formId: string;
  feedback: FormFeedback;
  contact: Contact;
  onChange: (contact: Contact) => void;
}) {
  const { t } = useI18n();
  const field = (key: keyof Contact) => ({
    ...fieldProps(formId, feedback, `contact.${key}`),
    value: contact[key] ?? '',
    onChange: (event: { currentTarget: { value: string } }) => {
      onChange({ ...contact, [key]: event.currentTarget.value });
    },
  });
  return (
    <GroupFieldset
      id={`${formId}-contact`}
      legend={t('cases.contact.title')}
      description={t('cases.contact.hint')}
      error={feedback.errors['contact']}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          {...field('name')}
          label={t('cases.contact.name')}
          maxLength={200}
          autoComplete="off"
        />
        <TextInput
          {...field('email')}
          type="email"
          label={t('cases.contact.email')}
          maxLength={320}
          autoComplete="off"
        />
        <TextInput
          {...field('phone')}
          type="tel"
          label={t('cases.contact.phone')}
          description={t('cases.contact.phoneHint')}
          maxLength={40}
          autoComplete="off"
        />
        <TextInput
          {...field('handle')}
          label={t('cases.contact.handle')}
          description={t('cases.contact.handleHint')}
          maxLength={200}
          autoComplete="off"
        />
        <NativeSelect
          {...field('platform')}
          label={t('cases.contact.platform')}
          data={[
            { value: '', label: t('cases.contact.noPlatform') },
            ...PLATFORMS.map((value) => ({ value, label: PLATFORM_NAMES[value] ?? value })),
          ]}
        />
        <Textarea
          {...field('address')}
          label={t('cases.contact.address')}
          autosize
          minRows={2}
          maxLength={500}
        />
      </SimpleGrid>
    </GroupFieldset>
  );
}
