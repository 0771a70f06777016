// Media of the composer: upload with progress (XMLHttpRequest, as fetch reports none), alt text.
import { apiGet, apiPatch, ApiError, CLIENT_ERROR_CODES } from '../api/api.client.ts';
import type { ApiErrorDetail } from '../api/api.client.ts';

export interface Media {
  id: string;
  kind: 'image' | 'video';
  mimeType: string;
  byteSize: number;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  altText: string | null;
  createdAt: string;
  /** Session-protected bytes, usable as an <img> or <video> source. */
  contentUrl: string;
}

/** The server's own cap on alt text; each platform's lower limit is checked with the post. */
export const MAX_ALT_TEXT_LENGTH = 1500;
/** Formats the server accepts; the file picker offers these, the server checks the bytes. */
export const ACCEPTED_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'video/mp4',
  'video/quicktime',
] as const;

export function getMedia(id: string): Promise<Media> {
  return apiGet<Media>(`/api/media/${id}`);
}

export function saveAltText(id: string, altText: string | null): Promise<Media> {
  return apiPatch<Media>(`/api/media/${id}`, { altText });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function errorFrom(status: number, text: string): ApiError {
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    body = undefined;
  }
  if (isRecord(body) && typeof body.code === 'string' && typeof body.message === 'string') {
    const details: ApiErrorDetail[] = Array.isArray(body.details)
      ? body.details.flatMap((item: unknown) =>
          isRecord(item) && typeof item.path === 'string' && typeof item.message === 'string'
            ? [{ path: item.path, message: item.message }]
            : [],
        )
      : [];
    const correlationId = typeof body.correlationId === 'string' ? body.correlationId : null;
    return new ApiError(status, body.code, body.message, correlationId, details);
  }
  return new ApiError(
    status,
    CLIENT_ERROR_CODES.invalidResponse,
    `Unerwartete Antwort des Servers (Status ${status}).`,
    null,
  );
}

export interface UploadHandle {
  readonly done: Promise<Media>;
  abort: () => void;
}

/**
 * Sends the file itself as the request body with its own type; the server decides by content.
 * `onProgress` gets 0–1 while the bytes travel.
 */
export function uploadMedia(
  file: File,
  csrfToken: string | null,
  onProgress: (fraction: number) => void,
): UploadHandle {
  const request = new XMLHttpRequest();
  const done = new Promise<Media>((resolve, reject) => {
    request.open('POST', '/api/media');
    request.withCredentials = true;
    request.setRequestHeader('accept', 'application/json');
    request.setRequestHeader('content-type', file.type || 'application/octet-stream');
    if (csrfToken !== null) {
      request.setRequestHeader('x-csrf-token', csrfToken);
    }
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        onProgress(event.loaded / event.total);
      }
    };
    request.onload = () => {
      if (request.status === 201) {
        try {
          resolve(JSON.parse(request.responseText) as Media);
        } catch {
          reject(errorFrom(request.status, ''));
        }
        return;
      }
      reject(errorFrom(request.status, request.responseText));
    };
    request.onerror = () => {
      reject(new ApiError(0, CLIENT_ERROR_CODES.network, 'Der Server ist nicht erreichbar.', null));
    };
    request.onabort = () => {
      reject(new ApiError(0, 'aborted', 'Das Hochladen wurde abgebrochen.', null));
    };
    request.send(file);
  });
  return {
    done,
    abort: () => {
      request.abort();
    },
  };
}
