// Reusable media field for the composer: pick or drop files, watch them upload, describe every
// image (alt text is mandatory under BITV 2.0). Saved alt text goes to the server on blur.
import {
  Button,
  CloseButton,
  Group,
  Image,
  Paper,
  Progress,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useEffect, useId, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { useSession } from '../access/session.context.tsx';
import { ApiError } from '../api/api.client.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { interpolate } from '../i18n/i18n.context.tsx';
import { ACCEPTED_TYPES, MAX_ALT_TEXT_LENGTH, saveAltText, uploadMedia } from './media.api.ts';
import type { Media, UploadHandle } from './media.api.ts';

/** Matches the server's cap; the server refuses larger files anyway. */
const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

const TEXTS = {
  de: {
    label: 'Bilder und Videos',
    hint: 'Ziehen Sie Dateien hierher oder wählen Sie sie aus: Bilder als JPEG, PNG, GIF oder WebP, Videos als MP4 oder MOV, höchstens 512 MB. Ortsangaben und andere Metadaten entfernt Stadtfunk vor dem Speichern.',
    choose: 'Dateien auswählen',
    uploading: '{name} wird hochgeladen: {percent} %',
    uploaded: '{name} ist hochgeladen.',
    cancel: 'Hochladen von {name} abbrechen',
    wrongType:
      '{name}: Dieses Format nimmt Stadtfunk nicht an. Bitte wählen Sie ein Bild (JPEG, PNG, GIF, WebP) oder ein Video (MP4, MOV).',
    tooLarge: '{name}: Die Datei ist größer als 512 MB. Bitte verkleinern oder kürzen Sie sie.',
    tooMany: 'Höchstens {max} Dateien. Bitte entfernen Sie zuerst eine Datei.',
    image: 'Bild {n}',
    video: 'Video {n}',
    preview: 'Vorschau von {item}',
    remove: '{item} entfernen',
    altText: 'Alternativtext für {item}',
    altHint: 'Beschreiben Sie, was auf dem Bild zu sehen ist, für Menschen, die es nicht sehen.',
    counter: '{count} von höchstens {max} Zeichen',
    altMissing:
      'Bitte geben Sie einen Alternativtext ein: Beschreiben Sie, was auf dem Bild zu sehen ist.',
    altTooLong: 'Der Alternativtext ist zu lang: höchstens {max} Zeichen. Bitte kürzen Sie ihn.',
    saved: 'Alternativtext für {item} gespeichert.',
    saveFailed: 'Der Alternativtext konnte nicht gespeichert werden: {message}',
  },
  en: {
    label: 'Images and videos',
    hint: 'Drop files here or choose them: images as JPEG, PNG, GIF or WebP, videos as MP4 or MOV, at most 512 MB. Stadtfunk removes location data and other metadata before storing.',
    choose: 'Choose files',
    uploading: 'Uploading {name}: {percent} %',
    uploaded: '{name} has been uploaded.',
    cancel: 'Cancel uploading {name}',
    wrongType:
      '{name}: Stadtfunk does not accept this format. Please choose an image (JPEG, PNG, GIF, WebP) or a video (MP4, MOV).',
    tooLarge: '{name}: The file is larger than 512 MB. Please make it smaller or shorter.',
    tooMany: 'At most {max} files. Please remove a file first.',
    image: 'Image {n}',
    video: 'Video {n}',
    preview: 'Preview of {item}',
    remove: 'Remove {item}',
    altText: 'Alt text for {item}',
    altHint: 'Describe what the image shows, for people who cannot see it.',
    counter: '{count} of at most {max} characters',
    altMissing: 'Please enter an alt text: describe what the image shows.',
    altTooLong: 'The alt text is too long: at most {max} characters. Please shorten it.',
    saved: 'Alt text for {item} saved.',
    saveFailed: 'The alt text could not be saved: {message}',
  },
} as const;
type TextKey = keyof (typeof TEXTS)['de'];

function useTexts(): (key: TextKey, vars?: Record<string, string | number>) => string {
  const { locale } = useI18n();
  return (key, vars) => interpolate(TEXTS[locale][key], vars);
}

const codePoints = (text: string): number => Array.from(text).length;

/** The message a field shows for an alt text, or null when it is fine. */
export function altTextProblem(text: string, max: number): 'altMissing' | 'altTooLong' | null {
  const trimmed = text.trim();
  if (trimmed === '') {
    return 'altMissing';
  }
  return codePoints(trimmed) > max ? 'altTooLong' : null;
}

export interface MediaUploadProps {
  value: readonly Media[];
  onChange: (media: Media[]) => void;
  /** The smallest alt-text limit of the chosen channels; the server's 1 500 when none is lower. */
  altTextLimit?: number | null;
  maxFiles?: number;
  /** Show every missing alt text as an error, e.g. after a failed submit. */
  showErrors?: boolean;
}

interface Pending {
  readonly key: string;
  readonly name: string;
  readonly progress: number;
  readonly handle: UploadHandle;
}

export function MediaUpload({
  value,
  onChange,
  altTextLimit,
  maxFiles = 35,
  showErrors = false,
}: MediaUploadProps) {
  const text = useTexts();
  const { state } = useSession();
  const csrfToken = state.status === 'ready' ? state.session.csrfToken : null;
  const inputRef = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const [pending, setPending] = useState<Pending[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [status, setStatus] = useState('');
  const [dragging, setDragging] = useState(false);
  // Uploads finish after renders: they append to the latest list, not the one they started with.
  const latest = useRef<readonly Media[]>(value);
  useEffect(() => {
    latest.current = value;
  }, [value]);
  const limit = Math.min(altTextLimit ?? MAX_ALT_TEXT_LENGTH, MAX_ALT_TEXT_LENGTH);

  const start = (file: File) => {
    const key = `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`;
    const update = (progress: number) => {
      setPending((list) => list.map((item) => (item.key === key ? { ...item, progress } : item)));
    };
    const handle = uploadMedia(file, csrfToken, update);
    setPending((list) => [...list, { key, name: file.name, progress: 0, handle }]);
    handle.done
      .then((media) => {
        const next = [...latest.current, media];
        latest.current = next;
        onChange(next);
        setStatus(text('uploaded', { name: file.name }));
      })
      .catch((error: unknown) => {
        const message = error instanceof ApiError ? error.message : String(error);
        setErrors((list) => [...list, `${file.name}: ${message}`]);
      })
      .finally(() => {
        setPending((list) => list.filter((item) => item.key !== key));
      });
  };

  const addFiles = (files: readonly File[]) => {
    const problems: string[] = [];
    const room = maxFiles - latest.current.length - pending.length;
    files.forEach((file, index) => {
      if (index >= room) {
        problems.push(text('tooMany', { max: maxFiles }));
      } else if (!(ACCEPTED_TYPES as readonly string[]).includes(file.type)) {
        problems.push(text('wrongType', { name: file.name }));
      } else if (file.size > MAX_UPLOAD_BYTES) {
        problems.push(text('tooLarge', { name: file.name }));
      } else {
        start(file);
      }
    });
    setErrors([...new Set(problems)]);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    addFiles(Array.from(event.dataTransfer.files));
  };

  return (
    <Stack gap="sm">
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => {
          setDragging(false);
        }}
        onDrop={onDrop}
        style={{
          border: `2px dashed ${dragging ? 'var(--mantine-color-blue-6)' : 'var(--mantine-color-gray-5)'}`,
          borderRadius: 'var(--mantine-radius-md)',
          padding: 'var(--mantine-spacing-md)',
        }}
      >
        <Stack gap="xs">
          <Text fw={600}>{text('label')}</Text>
          <Text size="sm" id={hintId}>
            {text('hint')}
          </Text>
          <Group>
            <Button aria-describedby={hintId} onClick={() => inputRef.current?.click()}>
              {text('choose')}
            </Button>
          </Group>
          <input
            ref={inputRef}
            type="file"
            multiple
            hidden
            accept={ACCEPTED_TYPES.join(',')}
            onChange={(event) => {
              addFiles(Array.from(event.currentTarget.files ?? []));
              event.currentTarget.value = '';
            }}
          />
        </Stack>
      </div>
      {errors.map((message) => (
        <Text key={message} c="red.8" size="sm" role="alert">
          {message}
        </Text>
      ))}
      {pending.map((item) => {
        const percent = Math.round(item.progress * 100);
        return (
          <Group key={item.key} gap="sm" wrap="nowrap">
            <Progress
              value={percent}
              style={{ flex: 1 }}
              aria-label={text('uploading', { name: item.name, percent })}
            />
            <Text size="sm">{percent} %</Text>
            <CloseButton
              aria-label={text('cancel', { name: item.name })}
              onClick={() => {
                item.handle.abort();
              }}
            />
          </Group>
        );
      })}
      {value.map((media, index) => (
        <MediaCard
          key={media.id}
          media={media}
          index={index}
          limit={limit}
          showErrors={showErrors}
          onSaved={(saved) => {
            onChange(latest.current.map((m) => (m.id === saved.id ? saved : m)));
          }}
          onRemove={() => {
            onChange(latest.current.filter((m) => m.id !== media.id));
          }}
        />
      ))}
      {/* Always rendered, so screen readers announce uploads and saves when they happen. */}
      <Text size="sm" role="status" aria-live="polite">
        {status}
      </Text>
    </Stack>
  );
}

interface MediaCardProps {
  media: Media;
  index: number;
  limit: number;
  showErrors: boolean;
  onSaved: (media: Media) => void;
  onRemove: () => void;
}

function MediaCard({ media, index, limit, showErrors, onSaved, onRemove }: MediaCardProps) {
  const text = useTexts();
  const item = text(media.kind === 'image' ? 'image' : 'video', { n: index + 1 });
  const [draft, setDraft] = useState(media.altText ?? '');
  const [touched, setTouched] = useState(false);
  const [saveStatus, setSaveStatus] = useState('');
  const problem = media.kind === 'image' ? altTextProblem(draft, limit) : null;
  const showProblem = problem !== null && (touched || showErrors);

  const save = async () => {
    setTouched(true);
    const next = draft.trim() === '' ? null : draft.trim();
    if (next === media.altText || (problem === 'altTooLong' && next !== null)) {
      return;
    }
    try {
      onSaved(await saveAltText(media.id, next));
      setSaveStatus(text('saved', { item }));
    } catch (error) {
      const message = error instanceof ApiError ? error.message : String(error);
      setSaveStatus(text('saveFailed', { message }));
    }
  };

  return (
    <Paper withBorder p="sm">
      <Group align="flex-start" wrap="nowrap">
        {media.kind === 'image' ? (
          <Image
            src={media.contentUrl}
            alt={text('preview', { item })}
            w={96}
            h={96}
            fit="cover"
            radius="sm"
          />
        ) : (
          <video
            src={media.contentUrl}
            width={96}
            height={96}
            preload="metadata"
            muted
            aria-label={text('preview', { item })}
          />
        )}
        <Stack gap={4} style={{ flex: 1 }}>
          <Group justify="space-between">
            <Text fw={600}>{item}</Text>
            <CloseButton aria-label={text('remove', { item })} onClick={onRemove} />
          </Group>
          {media.kind === 'image' && (
            <Textarea
              label={text('altText', { item })}
              description={`${text('altHint')} ${text('counter', { count: codePoints(draft.trim()), max: limit })}`}
              withAsterisk
              required
              autosize
              minRows={2}
              value={draft}
              onChange={(event) => {
                setDraft(event.currentTarget.value);
              }}
              onBlur={() => {
                void save();
              }}
              error={showProblem ? text(problem, { max: limit }) : undefined}
            />
          )}
          <Text size="sm" role="status" aria-live="polite">
            {saveStatus}
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}
