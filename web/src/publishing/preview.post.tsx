// A post as it will roughly look on its platform: simple CSS per platform, the channel's name and
// handle, the text with line breaks, media with their alt texts. Only an impression; the
// platform's own rendering decides.
import type { CSSProperties, ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { Media } from './media.api.ts';
import { PreviewText } from './preview.text.tsx';

export interface PreviewProps {
  platformKey: string;
  platformName: string;
  channelName: string;
  handle: string | null;
  text: string;
  title: string | null;
  media: readonly Media[];
}

type Layout = 'feed' | 'square-first' | 'video' | 'vertical';

interface Look {
  layout: Layout;
  /** Link colour, chosen for at least 4.5:1 on the card background. */
  link: string;
  accent: string;
  background: string;
  radius: string;
  font: string;
}

const SYSTEM = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

const LOOKS: Record<string, Look> = {
  mastodon: {
    layout: 'feed',
    link: '#4c3cc9',
    accent: '#563acc',
    background: '#ffffff',
    radius: '8px',
    font: SYSTEM,
  },
  x: {
    layout: 'feed',
    link: '#0a5fa3',
    accent: '#0f1419',
    background: '#ffffff',
    radius: '16px',
    font: SYSTEM,
  },
  facebook: {
    layout: 'feed',
    link: '#0b5bd3',
    accent: '#0866ff',
    background: '#ffffff',
    radius: '8px',
    font: 'Helvetica, Arial, sans-serif',
  },
  instagram: {
    layout: 'square-first',
    link: '#00376b',
    accent: '#c13584',
    background: '#ffffff',
    radius: '4px',
    font: SYSTEM,
  },
  linkedin: {
    layout: 'feed',
    link: '#0a58a8',
    accent: '#0a66c2',
    background: '#ffffff',
    radius: '8px',
    font: SYSTEM,
  },
  youtube: {
    layout: 'video',
    link: '#065fd4',
    accent: '#cc0000',
    background: '#ffffff',
    radius: '12px',
    font: 'Roboto, Arial, sans-serif',
  },
  tiktok: {
    layout: 'vertical',
    link: '#1d4ed8',
    accent: '#111111',
    background: '#ffffff',
    radius: '8px',
    font: SYSTEM,
  },
  xing: {
    layout: 'feed',
    link: '#0a6a6e',
    accent: '#006567',
    background: '#ffffff',
    radius: '6px',
    font: SYSTEM,
  },
};

const FALLBACK: Look = {
  layout: 'feed',
  link: '#1c5fb0',
  accent: '#495057',
  background: '#ffffff',
  radius: '8px',
  font: SYSTEM,
};

function MediaTile({ media, style }: { media: Media; style: CSSProperties }) {
  const { t } = useI18n();
  const alt = media.altText ?? '';
  if (media.kind === 'video') {
    return (
      <div role="img" aria-label={t('preview.video', { alt })} style={{ ...style, ...PLACEHOLDER }}>
        <span aria-hidden="true">▶</span>
      </div>
    );
  }
  return <img src={media.contentUrl} alt={alt} style={{ ...style, objectFit: 'cover' }} />;
}

const PLACEHOLDER: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  background: '#212529',
  color: '#ffffff',
  fontSize: '2rem',
};

function MediaGrid({ media, aspect }: { media: readonly Media[]; aspect: string }) {
  if (media.length === 0) {
    return null;
  }
  const columns = media.length === 1 ? 1 : 2;
  return (
    <div
      style={{
        display: 'grid',
        gridTemplateColumns: `repeat(${columns}, 1fr)`,
        gap: '2px',
        borderRadius: '8px',
        overflow: 'hidden',
      }}
    >
      {media.slice(0, 4).map((item) => (
        <MediaTile
          key={item.id}
          media={item}
          style={{ width: '100%', aspectRatio: aspect, display: 'block' }}
        />
      ))}
    </div>
  );
}

function Header({ look, props }: { look: Look; props: PreviewProps }) {
  const initial = Array.from(props.channelName.trim())[0] ?? '?';
  return (
    <div style={{ display: 'flex', gap: '0.5rem', alignItems: 'center' }}>
      <span
        aria-hidden="true"
        style={{
          width: 36,
          height: 36,
          borderRadius: look.layout === 'feed' && props.platformKey !== 'mastodon' ? '50%' : 8,
          background: look.accent,
          color: '#ffffff',
          display: 'inline-flex',
          alignItems: 'center',
          justifyContent: 'center',
          fontWeight: 700,
          flex: 'none',
        }}
      >
        {initial.toUpperCase()}
      </span>
      <span style={{ display: 'flex', flexDirection: 'column', lineHeight: 1.25 }}>
        <strong>{props.channelName}</strong>
        {props.handle !== null && props.handle !== '' && (
          <span style={{ color: '#495057', fontSize: '0.85em' }}>{props.handle}</span>
        )}
      </span>
    </div>
  );
}

function Body({ look, text }: { look: Look; text: string }) {
  return (
    <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      <PreviewText text={text} linkColor={look.link} />
    </div>
  );
}

function Layouted({ look, props }: { look: Look; props: PreviewProps }): ReactNode {
  const { t } = useI18n();
  switch (look.layout) {
    case 'square-first':
      return (
        <>
          <Header look={look} props={props} />
          {props.media[0] === undefined ? (
            <div style={{ ...PLACEHOLDER, aspectRatio: '1 / 1', fontSize: '1rem' }}>
              {t('preview.noMedia')}
            </div>
          ) : (
            <MediaTile
              media={props.media[0]}
              style={{ width: '100%', aspectRatio: '1 / 1', display: 'block' }}
            />
          )}
          {props.media.length > 1 && (
            <span style={{ color: '#495057', fontSize: '0.85em' }}>
              {t('preview.moreMedia', { count: props.media.length - 1 })}
            </span>
          )}
          <Body look={look} text={props.text} />
        </>
      );
    case 'video': {
      const video = props.media.find((item) => item.kind === 'video');
      return (
        <>
          {video === undefined ? (
            <div style={{ ...PLACEHOLDER, aspectRatio: '16 / 9', fontSize: '1rem' }}>
              {t('preview.videoPlaceholder')}
            </div>
          ) : (
            <MediaTile media={video} style={{ width: '100%', aspectRatio: '16 / 9' }} />
          )}
          <strong style={{ fontSize: '1.1em' }}>{props.title ?? ''}</strong>
          <Header look={look} props={props} />
          <div style={{ background: '#f2f2f2', borderRadius: 8, padding: '0.5rem' }}>
            <Body look={look} text={props.text} />
          </div>
        </>
      );
    }
    case 'vertical':
      return (
        <>
          <div style={{ maxWidth: 240 }}>
            {props.media[0] === undefined ? (
              <div style={{ ...PLACEHOLDER, aspectRatio: '9 / 16', fontSize: '1rem' }}>
                {t('preview.noMedia')}
              </div>
            ) : (
              <MediaTile
                media={props.media[0]}
                style={{ width: '100%', aspectRatio: '9 / 16', display: 'block' }}
              />
            )}
          </div>
          <Header look={look} props={props} />
          {props.title !== null && props.title !== '' && <strong>{props.title}</strong>}
          <Body look={look} text={props.text} />
        </>
      );
    case 'feed':
      return (
        <>
          <Header look={look} props={props} />
          <Body look={look} text={props.text} />
          <MediaGrid media={props.media} aspect={props.media.length === 1 ? '16 / 9' : '1 / 1'} />
        </>
      );
  }
}

export function PostPreview(props: PreviewProps) {
  const { t } = useI18n();
  const look = LOOKS[props.platformKey] ?? FALLBACK;
  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 600, marginBottom: '0.5rem' }}>
        {t('preview.caption', { platform: props.platformName, channel: props.channelName })}
      </figcaption>
      <div
        style={{
          display: 'flex',
          flexDirection: 'column',
          gap: '0.6rem',
          maxWidth: 520,
          padding: '0.9rem',
          border: '1px solid #ced4da',
          borderTop: `4px solid ${look.accent}`,
          borderRadius: look.radius,
          background: look.background,
          color: '#1a1a1a',
          fontFamily: look.font,
          fontSize: '0.95rem',
        }}
      >
        <Layouted look={look} props={props} />
      </div>
    </figure>
  );
}
