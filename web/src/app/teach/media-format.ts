import { MEDIA_TYPES, type MediaKind, type UploadLimitsDto } from '@lingyan/contracts';
import { MAX_MINUTES, MIN_MINUTES } from './teach-format';

/** The longest video the API accepts, in seconds (10 hours). */
export const MAX_DURATION_SECONDS = 36_000;

/** Content types guessed from a file name when the browser reports none (some systems do). */
const TYPE_BY_EXTENSION: Record<string, string> = {
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  webm: 'video/webm',
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};

/** What the file picker offers for each kind (`accept` attribute): types and their extensions. */
export function acceptFor(kind: MediaKind, limits?: UploadLimitsDto | null): string {
  const types = limits?.[kind]?.contentTypes ?? MEDIA_TYPES[kind];
  const extensions = Object.entries(TYPE_BY_EXTENSION)
    .filter(([, type]) => types.includes(type))
    .map(([extension]) => `.${extension}`);
  return [...types, ...extensions].join(',');
}

/** The short names of the accepted formats, e.g. `MP4、WebM`, for hints and messages. */
export function formatNames(kind: MediaKind, limits?: UploadLimitsDto | null): string {
  const types = limits?.[kind]?.contentTypes ?? MEDIA_TYPES[kind];
  const names = types.map((type) => {
    const sub = type.split('/')[1] ?? type;
    return sub === 'jpeg' ? 'JPG' : sub === 'webm' ? 'WebM' : sub === 'webp' ? 'WebP' : sub.toUpperCase();
  });
  return [...new Set(names)].join(' / ');
}

/** The content type of a picked file: what the browser says, or a guess from its extension. */
export function fileType(file: { name: string; type: string }): string {
  if (file.type) return file.type.toLowerCase();
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  return TYPE_BY_EXTENSION[extension] ?? '';
}

export type FileProblem =
  | { problem: 'empty' }
  | { problem: 'type'; formats: string }
  | { problem: 'size'; maxBytes: number; sizeBytes: number };

/**
 * Checks a picked file against the server's limits before uploading it (the server checks again,
 * including the file's first bytes). Without limits (they failed to load) only the type is checked.
 */
export function checkFile(
  file: { name: string; type: string; size: number },
  kind: MediaKind,
  limits?: UploadLimitsDto | null,
): FileProblem | null {
  const types = limits?.[kind]?.contentTypes ?? MEDIA_TYPES[kind];
  if (!types.includes(fileType(file))) return { problem: 'type', formats: formatNames(kind, limits) };
  if (file.size <= 0) return { problem: 'empty' };
  const maxBytes = limits?.[kind]?.maxBytes;
  if (maxBytes !== undefined && file.size > maxBytes) return { problem: 'size', maxBytes, sizeBytes: file.size };
  return null;
}

/** A file size for people: `820 KB`, `12.5 MB`, `1.2 GB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = value >= 100 || Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, '');
  return `${text} ${units[unit]}`;
}

/** A length in seconds as `m:ss`, or `h:mm:ss` from an hour on; '' for nothing. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * Reads what a trainer typed as a video length: `mm:ss`, `h:mm:ss` or plain minutes (`45` → 45 min).
 * Full-width colons (Chinese keyboards) count as colons. Answers whole seconds, or null when the
 * text is not a length (seconds ≥ 60 after a colon, letters, nothing) or is 0.
 */
export function parseDuration(text: string | null | undefined): number | null {
  const value = (text ?? '').trim().replace(/：/g, ':');
  if (!value) return null;
  if (/^\d+$/.test(value)) {
    const minutes = Number(value);
    return minutes > 0 ? minutes * 60 : null;
  }
  const match = /^(?:(\d+):)?(\d{1,3}):(\d{1,2})$/.exec(value);
  if (!match) return null;
  const [, h, m, s] = match;
  const hours = h === undefined ? 0 : Number(h);
  const minutes = Number(m);
  const secs = Number(s);
  if (secs >= 60 || (h !== undefined && minutes >= 60)) return null;
  const total = hours * 3600 + minutes * 60 + secs;
  return total > 0 ? total : null;
}

/** The estimated minutes of a video of this length: whole minutes, rounded up, within 1–600. */
export function minutesForDuration(seconds: number): number {
  return Math.min(MAX_MINUTES, Math.max(MIN_MINUTES, Math.ceil(seconds / 60)));
}

/** The Markdown of an uploaded image, as the API expects it in bodies. */
export function imageMarkdown(mediaId: string, caption: string): string {
  const safe = caption.replace(/[[\]\n\r]/g, ' ').trim() || 'image';
  return `![${safe}](/api/media/${mediaId})`;
}

export interface Insertion {
  text: string;
  /** Where the caption sits in the new text, to select it so that the trainer can type over it. */
  selectionStart: number;
  selectionEnd: number;
}

/**
 * Puts an image into Markdown at the cursor (replacing a selection), on a paragraph of its own: blank
 * lines are added before and after unless they are already there. The caption is selected afterwards.
 */
export function insertImage(
  text: string,
  selectionStart: number,
  selectionEnd: number,
  mediaId: string,
  caption: string,
): Insertion {
  const clamp = (n: number) => Math.max(0, Math.min(text.length, Number.isFinite(n) ? n : text.length));
  const start = clamp(Math.min(selectionStart, selectionEnd));
  const end = clamp(Math.max(selectionStart, selectionEnd));
  const before = text.slice(0, start);
  const after = text.slice(end);
  const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const trail = after === '' ? '\n' : after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
  const image = imageMarkdown(mediaId, caption);
  const captionStart = before.length + lead.length + 2;
  const captionLength = image.indexOf('](') - 2;
  return {
    text: before + lead + image + trail + after,
    selectionStart: captionStart,
    selectionEnd: captionStart + captionLength,
  };
}

/** Only https:// addresses are accepted for videos hosted elsewhere. */
export function isHttpsUrl(value: string | null | undefined): boolean {
  const text = (value ?? '').trim();
  if (!/^https:\/\//i.test(text)) return false;
  try {
    const url = new URL(text);
    // Like the API: a host name with a top-level domain (not `https://localhost`).
    return url.protocol === 'https:' && /\.(?=[a-z0-9-]*[a-z])[a-z0-9-]{2,}$/i.test(url.hostname);
  } catch {
    return false;
  }
}

/**
 * The length of a video file, read from its metadata by a hidden `<video>` element (no upload
 * needed). Answers null if the browser cannot read it within `timeoutMs`.
 */
export function readVideoDuration(file: Blob, timeoutMs = 15_000): Promise<number | null> {
  return new Promise((resolve) => {
    if (typeof document === 'undefined' || typeof URL.createObjectURL !== 'function') {
      resolve(null);
      return;
    }
    const video = document.createElement('video');
    const url = URL.createObjectURL(file);
    let done = false;
    const finish = (value: number | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      video.onloadedmetadata = null;
      video.onerror = null;
      video.removeAttribute('src');
      video.load();
      URL.revokeObjectURL(url);
      resolve(value);
    };
    video.preload = 'metadata';
    video.muted = true;
    video.onloadedmetadata = () => {
      const duration = video.duration;
      finish(Number.isFinite(duration) && duration > 0 ? duration : null);
    };
    video.onerror = () => finish(null);
    const timer = setTimeout(() => finish(null), timeoutMs);
    video.src = url;
  });
}
