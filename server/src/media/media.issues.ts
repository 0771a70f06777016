import type { ErrorDetail } from '../errors/errors.ts';
import type { PlatformKey, PlatformLimits } from '../platforms/connector.ts';
import { MEDIA_FILE_LIMITS } from './media.limits.ts';
import type { MediaFileLimits } from './media.limits.ts';
import type { MediaRow } from './media.table.ts';

/** One problem of a post's media for one platform; same shape as the API's error details. */
export type Issue = ErrorDetail;

const MB = 1024 * 1024;
const decimal = (value: number, digits = 1): string =>
  value.toLocaleString('de-DE', { maximumFractionDigits: digits });
const megabytes = (bytes: number): string => `${decimal(bytes / MB)} MB`;
const codePoints = (value: string): number => Array.from(value).length;

const FORMAT_NAMES: Readonly<Record<string, string>> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'video/mp4': 'MP4',
  'video/quicktime': 'MOV',
};
const formatName = (type: string): string => FORMAT_NAMES[type] ?? type;
const formatList = (types: readonly string[]): string =>
  types
    .map(formatName)
    .join(', ')
    .replace(/, ([^,]*)$/, ' oder $1');

/**
 * What keeps these media from going out on one platform, in German with the field and the fix:
 * missing or too long alt text, too many images or videos, mixing, format, bytes and geometry.
 * Alt text is required for every image (BITV 2.0), also where the platform cannot carry it.
 */
export function mediaIssuesFor(
  platformKey: PlatformKey,
  limits: PlatformLimits,
  media: readonly MediaRow[],
): Issue[] {
  const file = MEDIA_FILE_LIMITS[platformKey];
  const issues: Issue[] = [...countIssues(file, limits, media)];
  media.forEach((item, index) => {
    issues.push(...itemIssues(file, limits, item, index));
  });
  return issues;
}

function countIssues(file: MediaFileLimits, limits: PlatformLimits, media: readonly MediaRow[]) {
  const issues: Issue[] = [];
  const images = media.filter((item) => item.kind === 'image').length;
  const videos = media.length - images;
  const { label } = file;
  if (images > limits.maxImages) {
    issues.push({
      path: 'media',
      message:
        limits.maxImages === 0
          ? `${label} nimmt über Stadtfunk keine Bilder an. Bitte entfernen Sie die Bilder oder wählen Sie den Kanal ab.`
          : `${label} erlaubt höchstens ${limits.maxImages} Bilder, der Beitrag hat ${images}. Bitte entfernen Sie ${images - limits.maxImages} Bild(er).`,
    });
  }
  if (videos > limits.maxVideos) {
    issues.push({
      path: 'media',
      message:
        limits.maxVideos === 0
          ? `${label} nimmt über Stadtfunk keine Videos an. Bitte entfernen Sie das Video oder wählen Sie den Kanal ab.`
          : `${label} erlaubt höchstens ${limits.maxVideos} Video(s), der Beitrag hat ${videos}. Bitte entfernen Sie ${videos - limits.maxVideos} Video(s).`,
    });
  }
  if (images > 0 && videos > 0 && !file.mixImagesAndVideo) {
    issues.push({
      path: 'media',
      message: `${label} erlaubt Bilder und Videos nicht im selben Beitrag. Bitte entfernen Sie entweder die Bilder oder das Video.`,
    });
  }
  const gifs = media.filter((item) => item.mime_type === 'image/gif').length;
  if (file.gifAlone && gifs > 0 && media.length > 1) {
    issues.push({
      path: 'media',
      message: `Auf ${label} steht ein animiertes GIF allein im Beitrag. Bitte entfernen Sie die übrigen Medien oder das GIF.`,
    });
  }
  return issues;
}

function itemIssues(
  file: MediaFileLimits,
  limits: PlatformLimits,
  item: MediaRow,
  index: number,
): Issue[] {
  const issues: Issue[] = [];
  const isImage = item.kind === 'image';
  const name = `${isImage ? 'Bild' : 'Video'} ${index + 1}`;
  const path = `media.${index}`;
  const { label } = file;
  if (isImage) {
    const altText = item.alt_text?.trim() ?? '';
    if (altText === '') {
      issues.push({
        path: `${path}.altText`,
        message: `${name}: Der Alternativtext fehlt. Bitte beschreiben Sie im Feld „Alternativtext“, was auf dem Bild zu sehen ist (Pflicht nach BITV 2.0).`,
      });
    } else if (limits.maxAltTextLength !== null && codePoints(altText) > limits.maxAltTextLength) {
      issues.push({
        path: `${path}.altText`,
        message: `${name}: Der Alternativtext hat ${codePoints(altText)} Zeichen, ${label} erlaubt höchstens ${limits.maxAltTextLength}. Bitte kürzen Sie das Feld „Alternativtext“.`,
      });
    }
  }
  const accepted = isImage ? file.imageTypes : file.videoTypes;
  if (accepted.length > 0 && !accepted.includes(item.mime_type)) {
    issues.push({
      path,
      message: `${name}: ${label} nimmt das Format ${formatName(item.mime_type)} nicht an. Bitte laden Sie die Datei als ${formatList(accepted)} hoch.`,
    });
  }
  const maxBytes = !isImage
    ? file.maxVideoBytes
    : item.mime_type === 'image/gif'
      ? (file.maxGifBytes ?? file.maxImageBytes)
      : file.maxImageBytes;
  if (maxBytes !== null && item.byte_size > maxBytes) {
    issues.push({
      path,
      message: `${name}: Die Datei ist ${megabytes(item.byte_size)} groß, ${label} erlaubt höchstens ${megabytes(maxBytes)}. Bitte verkleinern Sie die Datei.`,
    });
  }
  issues.push(
    ...(isImage ? geometryIssues(file, item, name, path) : durationIssues(file, item, name, path)),
  );
  return issues;
}

function geometryIssues(
  file: MediaFileLimits,
  item: MediaRow,
  name: string,
  path: string,
): Issue[] {
  const { width, height } = item;
  if (width === null || height === null || width <= 0 || height <= 0) {
    return [];
  }
  const issues: Issue[] = [];
  const { label } = file;
  if (file.minImageWidth !== null && width < file.minImageWidth) {
    issues.push({
      path,
      message: `${name}: Das Bild ist ${width} Pixel breit, ${label} verlangt mindestens ${file.minImageWidth}. Bitte verwenden Sie ein größeres Bild.`,
    });
  }
  const ratio = width / height;
  const tooNarrow = file.minAspectRatio !== null && ratio < file.minAspectRatio - 0.005;
  const tooWide = file.maxAspectRatio !== null && ratio > file.maxAspectRatio + 0.005;
  if (tooNarrow || tooWide) {
    const range = `${decimal(file.minAspectRatio ?? 0, 2)}:1 bis ${decimal(file.maxAspectRatio ?? 0, 2)}:1`;
    issues.push({
      path,
      message: `${name}: Das Seitenverhältnis ${width} × ${height} liegt außerhalb dessen, was ${label} annimmt (Breite zu Höhe ${range}). Bitte schneiden Sie das Bild zu.`,
    });
  }
  if (file.maxImagePixels !== null && width * height > file.maxImagePixels) {
    issues.push({
      path,
      message: `${name}: Das Bild hat ${decimal((width * height) / 1e6)} Megapixel, ${label} erlaubt höchstens ${decimal(file.maxImagePixels / 1e6)}. Bitte verkleinern Sie das Bild.`,
    });
  }
  return issues;
}

function durationIssues(
  file: MediaFileLimits,
  item: MediaRow,
  name: string,
  path: string,
): Issue[] {
  const seconds = item.duration_seconds;
  if (seconds === null) {
    return [];
  }
  const tooShort = file.minVideoSeconds !== null && seconds < file.minVideoSeconds;
  const tooLong = file.maxVideoSeconds !== null && seconds > file.maxVideoSeconds;
  if (!tooShort && !tooLong) {
    return [];
  }
  return [
    {
      path,
      message: `${name}: Das Video dauert ${decimal(seconds)} Sekunden, ${file.label} verlangt ${file.minVideoSeconds ?? 0} bis ${file.maxVideoSeconds ?? '∞'} Sekunden. Bitte ${tooLong ? 'kürzen Sie das Video' : 'verwenden Sie ein längeres Video'}.`,
    },
  ];
}
