import type { MediaKind } from '@lingyan/contracts';

export interface SniffedType {
  kind: MediaKind;
  contentType: string;
}

const startsWith = (bytes: Buffer, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

/**
 * The type of a file from its first bytes (at least 16), whatever name or type the browser claimed:
 * an upload is accepted only when its content is a video, PDF or image we can serve.
 */
export function sniffMediaType(head: Buffer): SniffedType | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { kind: 'document', contentType: 'application/pdf' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: 'image', contentType: 'image/jpeg' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: 'image', contentType: 'image/png' };
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return { kind: 'image', contentType: 'image/gif' };
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) {
    return { kind: 'image', contentType: 'image/webp' };
  }
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return { kind: 'video', contentType: 'video/webm' };
  // ISO base media (MP4): a box of type `ftyp` first, with a brand we can play.
  if (startsWith(head, [0x66, 0x74, 0x79, 0x70], 4)) {
    const brand = head.subarray(8, 12).toString('latin1');
    if (/^(isom|iso[2-9]|mp41|mp42|avc1|M4V |dash|mmp4)$/.test(brand))
      return { kind: 'video', contentType: 'video/mp4' };
  }
  return null;
}
