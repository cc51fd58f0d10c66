import type { PostRequest } from '@lingyan/contracts';

/** What the editor holds of a post: what the author wrote, and the title of the course linked. */
export interface PostContent {
  title: string;
  body: string;
  tags: string[];
  courseId: string | null;
  courseTitle: string | null;
  /** A module of that course (copies kept before modules could be named have none). */
  moduleId?: string | null;
}

/** A copy of unsaved writing kept on the phone, in case the connection (or the battery) is lost. */
export interface LocalDraft extends PostContent {
  /** When the author last changed it (ISO). */
  editedAt: string;
}

/** A new post not yet on the server is kept under this key; a post on the server under its id. */
export const NEW_POST_KEY = 'new';

/** At most this many posts' copies are kept per user (the oldest go first). */
const MAX_COPIES = 10;

export const emptyContent = (): PostContent => ({ title: '', body: '', tags: [], courseId: null, courseTitle: null });

/** True when two contents say the same (the course's title aside). */
export function sameContent(a: PostContent, b: PostContent): boolean {
  return (
    a.title === b.title &&
    a.body === b.body &&
    a.courseId === b.courseId &&
    (a.moduleId ?? null) === (b.moduleId ?? null) &&
    a.tags.length === b.tags.length &&
    a.tags.every((tag, i) => tag === b.tags[i])
  );
}

/** True when nothing is written yet. */
export function isBlank(content: PostContent): boolean {
  return !content.title.trim() && !content.body.trim() && content.tags.length === 0 && !content.courseId;
}

/** The request that saves a content. */
export function toRequest(content: PostContent): PostRequest {
  return {
    title: content.title,
    body: content.body,
    tags: content.tags,
    courseId: content.courseId,
    moduleId: content.courseId ? (content.moduleId ?? null) : null,
  };
}

/**
 * Unsaved copies of posts in `localStorage`, one entry per user (`lingyan.sharing.drafts.<userId>`),
 * so that another person signing in on the same phone never sees them. A copy is written as the author
 * types and removed once the server has saved what it holds. Storage may be unavailable (private
 * mode) or full: then nothing is kept, and writing goes on.
 */
export class LocalDrafts {
  constructor(
    private readonly userId: string,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = defaultStorage(),
  ) {}

  private get key(): string {
    return `lingyan.sharing.drafts.${this.userId}`;
  }

  read(postKey: string): LocalDraft | null {
    return this.all()[postKey] ?? null;
  }

  write(postKey: string, content: PostContent, now = new Date()): void {
    const copies = { ...this.all(), [postKey]: { ...content, tags: [...content.tags], editedAt: now.toISOString() } };
    const kept = Object.entries(copies)
      .sort((a, b) => b[1].editedAt.localeCompare(a[1].editedAt))
      .slice(0, MAX_COPIES);
    this.store(Object.fromEntries(kept));
  }

  remove(postKey: string): void {
    const copies = this.all();
    if (!(postKey in copies)) return;
    delete copies[postKey];
    this.store(copies);
  }

  /** A new post reached the server: its copy moves to the post's id. */
  move(from: string, to: string): void {
    const copies = this.all();
    const copy = copies[from];
    if (!copy) return;
    delete copies[from];
    copies[to] = copy;
    this.store(copies);
  }

  private all(): Record<string, LocalDraft> {
    try {
      const parsed: unknown = JSON.parse(this.storage?.getItem(this.key) ?? '{}');
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
      return Object.fromEntries(
        Object.entries(parsed as Record<string, unknown>).filter((entry): entry is [string, LocalDraft] =>
          isLocalDraft(entry[1]),
        ),
      );
    } catch {
      return {};
    }
  }

  private store(copies: Record<string, LocalDraft>): void {
    try {
      if (Object.keys(copies).length === 0) this.storage?.removeItem(this.key);
      else this.storage?.setItem(this.key, JSON.stringify(copies));
    } catch {
      // storage full or unavailable: the server's copy is all there is
    }
  }
}

function isLocalDraft(value: unknown): value is LocalDraft {
  const draft = value as Partial<LocalDraft> | null;
  return (
    typeof draft === 'object' &&
    draft !== null &&
    typeof draft.title === 'string' &&
    typeof draft.body === 'string' &&
    Array.isArray(draft.tags) &&
    draft.tags.every((tag) => typeof tag === 'string') &&
    (draft.courseId === null || typeof draft.courseId === 'string') &&
    (draft.courseTitle === null || typeof draft.courseTitle === 'string') &&
    typeof draft.editedAt === 'string'
  );
}

function defaultStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
