// The composer: one master text, per-channel versions, live validation by the server (debounced),
// save as draft with optimistic concurrency, submit for approval or release directly.
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SubmitEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../api/api.client.ts';
import { errorText } from '../api/api.errors.ts';
import type { Translate } from '../i18n/i18n.context.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import { Section } from '../registry/registry.fields.tsx';
import { fieldId } from '../registry/registry.form-errors.tsx';
import { ComposerChannels } from './composer.channels.tsx';
import type { ComposerDraft, LocatedIssue } from './composer.draft.ts';
import {
  isHttpUrl,
  issueKey,
  locateIssue,
  messagesAt,
  selectedChannels,
  toPostInput,
  toValidateInput,
} from './composer.draft.ts';
import type { FieldMessages } from './composer.fields.tsx';
import { ComposerFields } from './composer.fields.tsx';
import { IssueSummary } from './composer.issues.tsx';
import { ComposerMedia } from './composer.media.tsx';
import { ScheduleFields, scheduleProblem } from './composer.schedule.tsx';
import { ComposerVariants } from './composer.variants.tsx';
import type { Media } from './media.api.ts';
import { createPost, submitPost, updatePost, validatePost } from './publishing.api.ts';
import type { ComposerChannel, Post, TargetInput } from './publishing.types.ts';

const FORM_ID = 'composer';
const VALIDATE_DELAY_MS = 400;

type Attempt = 'none' | 'save' | 'submit';

function localIssues(
  draft: ComposerDraft,
  attempt: Attempt,
  now: number,
  t: Translate,
): LocatedIssue[] {
  const issues: LocatedIssue[] = [];
  const post = (field: string, message: string) => {
    issues.push({ at: { scope: 'post', field }, message });
  };
  if (attempt !== 'none' && draft.title.trim() === '') {
    post('title', t('composer.titleMissing'));
  }
  if (draft.linkUrl.trim() !== '' && !isHttpUrl(draft.linkUrl.trim())) {
    post('linkUrl', t('composer.linkInvalid'));
  }
  const when = scheduleProblem(draft.date, draft.time, now);
  // A draft may keep a time that has passed; only submitting needs a future one.
  if (when !== undefined && (when !== 'composer.whenPast' || attempt === 'submit')) {
    post('scheduledAt', t(when));
  }
  if (attempt === 'submit' && draft.targets.length === 0) {
    post('targets', t('composer.targetsMissing'));
  }
  return issues;
}

/** Focuses a field once it is on screen (after a tab switch); fieldsets pass it to their message. */
function useFocusLater(): (id: string) => void {
  const pending = useRef<string | null>(null);
  useEffect(() => {
    if (pending.current === null) {
      return;
    }
    const element = document.getElementById(pending.current);
    pending.current = null;
    if (element instanceof HTMLFieldSetElement) {
      element
        .querySelector<HTMLElement>('[data-invalid-group], input, textarea, select, button')
        ?.focus();
    } else {
      element?.focus();
    }
  });
  const [, rerender] = useState(0);
  return (id: string) => {
    pending.current = id;
    rerender((value) => value + 1);
  };
}

export interface ComposerFormProps {
  channels: readonly ComposerChannel[];
  post: Post | null;
  initialDraft: ComposerDraft;
  initialMedia: readonly Media[];
  /** Loads the post afresh after a conflicting change by someone else. */
  onReload: () => void;
}

export function ComposerForm({
  channels,
  post,
  initialDraft,
  initialMedia,
  onReload,
}: ComposerFormProps) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(initialDraft);
  const [media, setMedia] = useState<readonly Media[]>(initialMedia);
  const [saved, setSaved] = useState(
    post === null ? null : { id: post.id, version: post.version, status: post.status },
  );
  const [live, setLive] = useState<LocatedIssue[]>([]);
  const [refused, setRefused] = useState<LocatedIssue[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [attempt, setAttempt] = useState<Attempt>('none');
  const [announce, setAnnounce] = useState(0);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const focusLater = useFocusLater();

  const validateBody = useMemo(() => toValidateInput(draft), [draft]);
  const validateKey = JSON.stringify(validateBody);
  useEffect(() => {
    let current = true;
    const timer = window.setTimeout(() => {
      setNow(Date.now());
      const body = JSON.parse(validateKey) as typeof validateBody;
      if (body.targets.length === 0) {
        setLive([]);
        return;
      }
      validatePost(body).then(
        (issues) => {
          if (current) {
            setLive(issues.map((issue) => locateIssue(issue, body.targets)));
          }
        },
        () => {
          // Live checking is a help; a failed check leaves the last result and submit re-checks.
        },
      );
    }, VALIDATE_DELAY_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [validateKey]);

  const selected = selectedChannels(channels, draft);
  const local = localIssues(draft, attempt, now, t);
  const issues = dedupe([...local, ...refused, ...live]);
  const fields: FieldMessages = {
    id: (key) => fieldId(FORM_ID, key),
    error: (key) => {
      const found = messagesAt(issues, key);
      return found.length === 0 ? undefined : found.join(' ');
    },
  };
  const mediaMessages = issues
    .filter((issue) =>
      issue.at.scope === 'post' ? issue.at.field === 'mediaIds' : issue.at.field === 'media',
    )
    .map((issue) => issue.message);
  const direct = selected.length > 0 && selected.every((c) => c.publishesWithoutApproval);
  const isDraft = saved === null || saved.status === 'draft';

  const change = (patch: Partial<ComposerDraft>) => {
    setDraft((previous) => ({ ...previous, ...patch }));
    setRefused([]);
  };
  const changeTarget = (channelId: string, patch: Partial<TargetInput>) => {
    setDraft((previous) => ({
      ...previous,
      targets: previous.targets.map((target) =>
        target.channelId === channelId ? { ...target, ...patch } : target,
      ),
    }));
    setRefused([]);
  };
  const toggle = (channelId: string, on: boolean) => {
    setDraft((previous) => {
      const kept = previous.targets.filter((target) => target.channelId !== channelId);
      const targets = on ? [...kept, { channelId, variantText: null, variantTitle: null }] : kept;
      // Channel-list order keeps the indices of server issues stable while people click.
      const order = channels.map((channel) => channel.id);
      targets.sort((a, b) => order.indexOf(a.channelId) - order.indexOf(b.channelId));
      return { ...previous, targets };
    });
    setRefused([]);
  };
  const jump = (issue: LocatedIssue) => {
    if (issue.at.scope === 'channel' && issue.at.field !== 'channelId') {
      setActive(issue.at.channelId);
    }
    focusLater(fieldId(FORM_ID, issueKey(issue.at)));
  };
  const refuse = () => {
    setAnnounce((value) => value + 1);
  };

  const fail = (failure: unknown, sentTargets: readonly TargetInput[]) => {
    if (failure instanceof ApiError && failure.status === 409) {
      setConflict(failure.message);
      setMessage(null);
      return;
    }
    if (failure instanceof ApiError && failure.details.length > 0) {
      setRefused(failure.details.map((detail) => locateIssue(detail, sentTargets)));
      setMessage(failure.message);
    } else {
      setMessage(errorText(failure, t));
    }
    refuse();
  };

  /** Creates or updates the post; null when the server refused (feedback is then shown). */
  const store = async (): Promise<Post | null> => {
    const input = toPostInput(draft);
    try {
      const stored =
        saved === null
          ? await createPost(input)
          : await updatePost(saved.id, { ...input, version: saved.version });
      setSaved({ id: stored.id, version: stored.version, status: stored.status });
      return stored;
    } catch (failure) {
      fail(failure, input.targets);
      return null;
    }
  };

  const saveDraft = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt('save');
    setMessage(null);
    if (localIssues(draft, 'save', Date.now(), t).length > 0) {
      refuse();
      return;
    }
    setBusy('save');
    const stored = await store();
    setBusy(null);
    if (stored !== null) {
      void navigate(`/publishing/posts/${stored.id}`);
    }
  };

  const submit = async () => {
    setAttempt('submit');
    setMessage(null);
    const blocking = dedupe([...localIssues(draft, 'submit', Date.now(), t), ...refused, ...live]);
    if (blocking.length > 0) {
      refuse();
      return;
    }
    setBusy('submit');
    const stored = await store();
    if (stored === null) {
      setBusy(null);
      return;
    }
    try {
      const submitted = await submitPost(stored.id);
      void navigate(`/publishing/posts/${submitted.id}`);
    } catch (failure) {
      setBusy(null);
      fail(failure, toPostInput(draft).targets);
    }
  };

  const backTo = saved === null ? '/publishing' : `/publishing/posts/${saved.id}`;
  return (
    <form id={FORM_ID} noValidate onSubmit={(event) => void saveDraft(event)}>
      <Stack gap="lg">
        {post?.status === 'draft' && post.rejectionReason !== null && (
          <Alert color="yellow" variant="light" role="note" styles={WARN_TEXT}>
            {t('composer.rejected', { reason: post.rejectionReason })}
          </Alert>
        )}
        {saved !== null &&
          (saved.status === 'approved' || saved.status === 'scheduled') &&
          !direct && (
            <Alert color="yellow" variant="light" role="note" styles={WARN_TEXT}>
              {t('composer.backToReview')}
            </Alert>
          )}
        {conflict !== null && (
          <Alert color="red" variant="light" role="alert">
            <Stack gap="sm" align="flex-start">
              <Text size="sm">{conflict}</Text>
              <Button size="xs" variant="default" onClick={onReload}>
                {t('composer.reload')}
              </Button>
            </Stack>
          </Alert>
        )}
        <IssueSummary issues={issues} message={message} announce={announce} onJump={jump} />
        <Section id="composer-content" title={t('composer.contentTitle')}>
          <ComposerFields draft={draft} onChange={change} fields={fields} />
        </Section>
        <Section id="composer-channels" title={t('composer.channelsTitle')}>
          <ComposerChannels
            channels={channels}
            selectedIds={draft.targets.map((target) => target.channelId)}
            onToggle={toggle}
            fields={fields}
          />
        </Section>
        <Section id="composer-media" title={t('composer.mediaTitle')}>
          <ComposerMedia
            id={fields.id('mediaIds')}
            media={media}
            onChange={(next) => {
              setMedia(next);
              change({ mediaIds: next.map((item) => item.id) });
            }}
            selected={selected}
            messages={mediaMessages}
            showErrors={attempt === 'submit'}
          />
        </Section>
        <Section id="composer-when" title={t('composer.whenTitle')}>
          <ScheduleFields
            id={fields.id('scheduledAt')}
            date={draft.date}
            time={draft.time}
            error={fields.error('scheduledAt')}
            onChange={change}
          />
        </Section>
        <Section id="composer-variants" title={t('composer.variantsTitle')}>
          <ComposerVariants
            channels={selected}
            draft={draft}
            media={media}
            active={active}
            onActive={setActive}
            onTarget={changeTarget}
            fields={fields}
            issueCount={(channelId) =>
              issues.filter(
                (issue) => issue.at.scope === 'channel' && issue.at.channelId === channelId,
              ).length
            }
            focusLater={focusLater}
          />
        </Section>
        <Group>
          <Button
            type="submit"
            variant={isDraft ? 'default' : 'filled'}
            loading={busy === 'save'}
            disabled={busy !== null}
          >
            {isDraft ? t('composer.saveDraft') : t('composer.saveChanges')}
          </Button>
          {isDraft && (
            <Button
              loading={busy === 'submit'}
              disabled={busy !== null}
              onClick={() => void submit()}
            >
              {direct ? t('composer.release') : t('composer.submit')}
            </Button>
          )}
          <Button component={Link} to={backTo} variant="subtle">
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const WARN_TEXT = { root: { color: 'var(--mantine-color-dark-7)' } };

function dedupe(issues: readonly LocatedIssue[]): LocatedIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issueKey(issue.at)}|${issue.message}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}
