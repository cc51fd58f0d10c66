/** Kinds of uploaded file; each has its own size limit and accepted types. */
export const MEDIA_KINDS = ['video', 'document', 'image'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** Content types accepted per kind (the server also checks the file's first bytes). */
export const MEDIA_TYPES: Record<MediaKind, readonly string[]> = {
  video: ['video/mp4', 'video/webm'],
  document: ['application/pdf'],
  image: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
};

/**
 * An uploaded file. `url` is a signed link for the signed-in user that expires after a few hours
 * (`urlExpiresAt`); ask the API again for a fresh one. Videos answer HTTP range requests.
 */
export interface MediaDto {
  id: string;
  kind: MediaKind;
  contentType: string;
  sizeBytes: number;
  originalName: string;
  url: string;
  urlExpiresAt: string;
  createdAt: string;
}

/** `GET /api/media/limits`: the largest upload of each kind, in bytes. */
export type UploadLimitsDto = Record<MediaKind, { maxBytes: number; contentTypes: readonly string[] }>;

/** An uploaded image referenced from Markdown as `/api/media/<id>`; clients swap in `url` to show it. */
export interface MediaLink {
  id: string;
  url: string;
}
