import { Location } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
  type OnDestroy,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import {
  POST_BODY_MAX_LENGTH,
  POST_TAG_MAX_LENGTH,
  POST_TAGS_MAX,
  POST_TITLE_MAX_LENGTH,
  type MyProgramDto,
  type PostDto,
  type PostImageDto,
  type PostStatus,
} from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { NzTooltipModule } from 'ng-zorro-antd/tooltip';
import { Subject, catchError, debounceTime, distinctUntilChanged, map, of, switchMap } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import type { AppError } from '../../core/http/api-error';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey, type TranslationKey } from '../../core/i18n/translation-key';
import { injectIsPhone } from '../../core/layout/is-phone';
import { toLoadState, type LoadState } from '../../learn/load-state';
import { MarkdownView } from '../markdown/markdown';
import { ServerProblems } from '../mentoring/server-problems';
import {
  autosave,
  autosaveStart,
  autosaveText,
  isSettled,
  startedSaving,
  type AutosaveEvent,
  type AutosaveState,
} from './autosave';
import {
  LocalDrafts,
  NEW_POST_KEY,
  emptyContent,
  isBlank,
  sameContent,
  toRequest,
  type PostContent,
} from './local-drafts';
import { PhotoPicker } from './photo-picker';
import { SharingApi } from './sharing-api.service';
import { CATEGORY_TAGS, addTags, endsTag, type TagProblem } from './sharing-format';

/** The signed links of uploaded photos in a post's HTML, by media id (for the preview). */
export function photoLinksOf(html: string): Record<string, string> {
  const links: Record<string, string> = {};
  for (const match of html.matchAll(/"(\/api\/media\/([0-9a-f-]{36})\/content\?[^"]*)"/gi)) {
    links[match[2]] = match[1].replace(/&amp;/g, '&');
  }
  return links;
}

/** Typing stops this long before a draft saves. */
export const AUTOSAVE_DELAY_MS = 1500;

type Field = 'title' | 'body' | 'tags' | 'courseId';

interface CourseOption {
  id: string;
  title: string;
}

/** What the editor opens: a new post, or one of the author's posts as the server has it. */
type Opened = { post: PostDto | null };

/**
 * `/share/write` and `/share/posts/:id/edit`: a post as its author writes it — a title, up to six
 * tags, the course it grew from, and a Markdown body with a preview. A draft saves itself: the first
 * change creates it (`POST posts`), later ones save 1.5 s after typing stops (`PUT posts/:id`), one
 * save at a time (see `autosave.ts`). Every change is also kept on the phone (`local-drafts.ts`), so
 * a lost connection loses nothing: the copy comes back the next time the editor opens. A published
 * post is not changed as its author types: 保存修改 saves it. 发布 publishes and opens the post.
 */
@Component({
  selector: 'app-editor-page',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzIconModule,
    NzInputModule,
    NzResultModule,
    NzSelectModule,
    NzSkeletonModule,
    NzTooltipModule,
    TPipe,
    MarkdownView,
    PhotoPicker,
  ],
  templateUrl: './editor.page.html',
  styleUrl: './editor.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EditorPage implements OnDestroy {
  private readonly api = inject(SharingApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly location = inject(Location);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** The `:id` route parameter (none for a new post). */
  readonly id = input<string | undefined>(undefined);

  protected readonly isPhone = injectIsPhone();
  protected readonly errorKey = errorKey;
  protected readonly titleMax = POST_TITLE_MAX_LENGTH;
  protected readonly bodyMax = POST_BODY_MAX_LENGTH;
  protected readonly tagMax = POST_TAG_MAX_LENGTH;
  protected readonly tagsMax = POST_TAGS_MAX;

  private readonly drafts = new LocalDrafts(this.auth.user()?.id ?? 'anonymous');

  protected readonly opened = signal<LoadState<Opened>>({ status: 'loading' });
  protected readonly loadError = computed(() => {
    const state = this.opened();
    return state.status === 'error' ? state.error : null;
  });
  protected readonly ready = computed(() => this.opened().status === 'ok');

  protected readonly content = signal<PostContent>(emptyContent());
  protected readonly status = signal<PostStatus>('draft');
  /** A published post saves with 保存修改, not as its author types. */
  protected readonly manual = computed(() => this.status() === 'published');
  protected readonly save = signal<AutosaveState>(autosaveStart());
  protected readonly saveText = computed(() => {
    const text = autosaveText(this.save(), this.manual());
    const error = this.save().error;
    return this.i18n.t(text.key, { ...text.params, reason: error ? this.i18n.t(errorKey(error.error)) : '' });
  });
  /** The server's version, when the phone's unsaved copy was put in its place (to go back to it). */
  protected readonly restoredOver = signal<PostContent | null>(null);
  protected readonly restored = signal(false);

  protected readonly pane = signal<'write' | 'preview'>('write');
  private readonly source = viewChild<ElementRef<HTMLTextAreaElement>>('source');
  /** Signed links of the post's photos by media id, so the preview shows them. */
  protected readonly photoLinks = signal<Record<string, string>>({});
  protected readonly tagText = signal('');
  protected readonly tagProblem = signal<TagProblem | null>(null);
  protected readonly tagSuggestions = computed(() => CATEGORY_TAGS.filter((tag) => !this.content().tags.includes(tag)));
  protected readonly tagsFull = computed(() => this.content().tags.length >= POST_TAGS_MAX);

  protected readonly courseOptions = signal<CourseOption[]>([]);
  /** The modules of the linked course, to name the one the post grew from (optional). */
  protected readonly moduleOptions = signal<CourseOption[]>([]);
  protected readonly courseSearching = signal(false);
  private readonly courseQuery$ = new Subject<string>();
  private programCourses: CourseOption[] | null = null;

  protected readonly problems = new ServerProblems<Field>((key, params) => this.i18n.t(key, params));
  /** The form's own checks before publishing (a title and a body). */
  protected readonly missing = signal<Partial<Record<Field, TranslationKey>>>({});
  protected readonly publishing = signal(false);
  protected readonly publishError = signal<AppError | null>(null);

  private timer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;
  private waiters: Array<(settled: boolean) => void> = [];

  constructor() {
    toObservable(this.id)
      .pipe(
        distinctUntilChanged(),
        switchMap((id) =>
          toLoadState(id ? this.api.post(id).pipe(map((post): Opened => ({ post }))) : of<Opened>({ post: null })),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        if (state.status === 'ok') this.open(state.value.post);
        else this.opened.set(state);
      });

    this.courseQuery$
      .pipe(
        debounceTime(300),
        map((q) => q.trim()),
        distinctUntilChanged(),
        switchMap((q) => {
          this.courseSearching.set(true);
          return this.api.catalog(q).pipe(
            map((page) => page.items.map((c) => ({ id: c.id, title: c.title }))),
            catchError(() => of<CourseOption[]>([])),
            map((found) => ({ q, found })),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe(({ q, found }) => {
        this.courseSearching.set(false);
        this.showCourses(q, found);
      });

    // the linked course's modules, whenever the course changes
    toObservable(computed(() => this.content().courseId))
      .pipe(
        distinctUntilChanged(),
        switchMap((courseId) =>
          courseId
            ? this.api.course(courseId).pipe(
                map((course) => course.modules.map((m) => ({ id: m.id, title: `${m.position}. ${m.title}` }))),
                catchError(() => of<CourseOption[]>([])),
              )
            : of<CourseOption[]>([]),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((modules) => this.moduleOptions.set(modules));

    // the connection came back: try the failed save again
    if (typeof window !== 'undefined') {
      const online = () => this.dispatch({ type: 'retry' });
      window.addEventListener('online', online);
      this.destroyRef.onDestroy(() => window.removeEventListener('online', online));
    }
  }

  ngOnDestroy(): void {
    this.destroyed = true;
    this.clearTimer();
    // leaving while a change waits: send it now (the phone's copy stays until the server has it)
    if (!this.manual() && this.save().phase === 'pending') this.dispatch({ type: 'due' });
    this.resolveWaiters(false);
  }

  // ---- opening ----------------------------------------------------------------------------------

  private open(post: PostDto | null): void {
    if (post && post.body === null) {
      // not the reader's own post: nothing to edit here
      this.opened.set({ status: 'error', error: { statusCode: 404, error: 'NOT_FOUND', message: 'Not yours' } });
      return;
    }
    const server: PostContent = post
      ? {
          title: post.title,
          body: post.body ?? '',
          tags: [...post.tags],
          courseId: post.courseId,
          courseTitle: post.courseTitle,
          moduleId: post.moduleId,
        }
      : emptyContent();
    this.status.set(post?.status ?? 'draft');
    if (post) this.photoLinks.set(photoLinksOf(post.bodyHtml));
    this.save.set(autosaveStart(post?.id ?? null, post ? new Date(post.updatedAt) : null));
    this.content.set(server);
    if (server.courseId) this.courseOptions.set([{ id: server.courseId, title: server.courseTitle ?? '' }]);

    const key = post?.id ?? NEW_POST_KEY;
    const copy = this.drafts.read(key);
    if (copy && !sameContent(copy, server) && !isBlank(copy)) {
      // unsaved writing from last time: it comes back, and saves
      const { editedAt: _editedAt, ...local } = copy;
      this.content.set(local);
      if (local.courseId) this.courseOptions.set([{ id: local.courseId, title: local.courseTitle ?? '' }]);
      this.restored.set(true);
      this.restoredOver.set(post ? server : null);
      this.opened.set({ status: 'ok', value: { post } });
      this.dispatch({ type: 'edit' });
      return;
    }
    if (copy) this.drafts.remove(key);
    this.opened.set({ status: 'ok', value: { post } });
  }

  /** Puts the server's version (or, for a new post, nothing) back in place of the restored copy. */
  protected discardRestored(): void {
    const server = this.restoredOver();
    this.restored.set(false);
    this.restoredOver.set(null);
    const state = this.save();
    this.drafts.remove(state.postId ?? NEW_POST_KEY);
    this.content.set(server ?? emptyContent());
    if (server || state.postId) this.dispatch({ type: 'edit' });
    else {
      this.clearTimer();
      this.save.set(autosaveStart());
    }
    this.problems.reset();
    this.missing.set({});
  }

  // ---- editing ----------------------------------------------------------------------------------

  protected edit(patch: Partial<PostContent>): void {
    const next = { ...this.content(), ...patch };
    this.content.set(next);
    this.drafts.write(this.save().postId ?? NEW_POST_KEY, next);
    for (const field of Object.keys(patch) as Array<keyof PostContent>) {
      const name: Field = field === 'courseTitle' || field === 'moduleId' ? 'courseId' : field;
      this.problems.clear(name);
      if (this.missing()[name]) this.missing.update((m) => ({ ...m, [name]: undefined }));
    }
    this.publishError.set(null);
    this.dispatch({ type: 'edit' });
  }

  // ---- photos ----------------------------------------------------------------------------------

  /** Puts an uploaded photo in the body where the cursor is, on a line of its own. */
  protected photoUploaded(photo: PostImageDto): void {
    this.photoLinks.update((links) => ({ ...links, [photo.id]: photo.url }));
    const body = this.content().body;
    const textarea = this.source()?.nativeElement;
    const at = textarea && this.pane() === 'write' ? textarea.selectionEnd : body.length;
    const markdown = photo.markdown.replace('![]', `![${this.i18n.t('sharing.editor.photoAlt')}]`);
    const before = body.slice(0, at);
    const after = body.slice(at);
    const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
    const trail = after.startsWith('\n') ? '\n' : '\n\n';
    this.edit({ body: `${before}${lead}${markdown}${trail}${after}`.slice(0, POST_BODY_MAX_LENGTH) });
    const caret = before.length + lead.length + markdown.length + trail.length;
    afterNextRender(
      () => {
        const area = this.source()?.nativeElement;
        if (!area) return;
        area.focus();
        area.setSelectionRange(caret, caret);
      },
      { injector: this.injector },
    );
  }

  protected tagTyped(text: string): void {
    this.tagProblem.set(null);
    if (endsTag(text)) this.commitTag(text);
    else this.tagText.set(text);
  }

  protected tagKey(event: Event): void {
    const key = event as KeyboardEvent;
    if (key.isComposing) return;
    if (key.key === 'Enter') {
      event.preventDefault();
      this.commitTag(this.tagText());
    } else if (key.key === 'Backspace' && !this.tagText() && this.content().tags.length > 0) {
      this.removeTag(this.content().tags[this.content().tags.length - 1]);
    }
  }

  protected commitTag(text = this.tagText()): void {
    if (!text.trim()) {
      this.tagText.set('');
      return;
    }
    const { tags, problem } = addTags(this.content().tags, text);
    this.tagProblem.set(problem);
    // a refused tag stays in the box to be shortened
    this.tagText.set(problem === 'tooLong' ? text.replace(/[,，、;；]$/, '') : '');
    if (tags.length !== this.content().tags.length) this.edit({ tags });
  }

  protected addTag(tag: string): void {
    this.commitTag(tag);
  }

  protected removeTag(tag: string): void {
    this.tagProblem.set(null);
    this.edit({ tags: this.content().tags.filter((t) => t !== tag) });
  }

  protected searchCourses(q: string): void {
    this.courseQuery$.next(q);
  }

  protected courseOpened(open: boolean): void {
    if (open && this.courseOptions().length <= 1) this.courseQuery$.next(' ');
  }

  protected pickCourse(courseId: string | null): void {
    const course = this.courseOptions().find((c) => c.id === courseId) ?? null;
    if (course?.id === this.content().courseId) return;
    this.edit({ courseId: course?.id ?? null, courseTitle: course?.title ?? null, moduleId: null });
  }

  protected pickModule(moduleId: string | null): void {
    this.edit({ moduleId: moduleId ?? null });
  }

  /** The catalog's courses and the reader's own program courses that match, the current one kept. */
  private showCourses(q: string, found: CourseOption[]): void {
    const own = (this.programCourses ?? []).filter((c) => !q || c.title.includes(q));
    const current = this.content().courseId
      ? [{ id: this.content().courseId as string, title: this.content().courseTitle ?? '' }]
      : [];
    const all = [...current, ...own, ...found];
    this.courseOptions.set(all.filter((c, i) => all.findIndex((o) => o.id === c.id) === i));
    if (this.programCourses === null && this.auth.roles().includes('trainee')) {
      this.programCourses = [];
      this.api.myPrograms().subscribe({
        next: (programs: MyProgramDto[]) => {
          this.programCourses = programs.flatMap((p) => p.courses.map((c) => ({ id: c.id, title: c.title })));
          this.showCourses(q, found);
        },
        error: () => undefined,
      });
    }
  }

  // ---- saving -----------------------------------------------------------------------------------

  protected retrySave(): void {
    this.dispatch({ type: 'retry' });
  }

  private dispatch(event: AutosaveEvent): void {
    const before = this.save();
    const after = autosave(before, event);
    if (after === before) return;
    this.save.set(after);
    if (startedSaving(before, after)) this.send();
    if (after.phase === 'pending' && this.waiters.length > 0) {
      // publishing waits for every change: no quiet moment to wait for
      this.clearTimer();
      this.dispatch({ type: 'due' });
      return;
    }
    if (after.phase === 'pending' && !this.manual() && (event.type === 'edit' || event.type === 'saved')) {
      this.schedule();
    }
    if (isSettled(after)) this.resolveWaiters(true);
    else if (after.phase === 'failed') this.resolveWaiters(false);
  }

  private schedule(): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.dispatch({ type: 'due' });
    }, AUTOSAVE_DELAY_MS);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private send(): void {
    const postId = this.save().postId;
    const content = this.content();
    const request = toRequest(content);
    (postId ? this.api.save(postId, request) : this.api.create(request)).subscribe({
      next: (post) => {
        if (!postId) {
          // the draft exists now: its address is the editor's (a reload opens it), the copy follows it
          this.drafts.move(NEW_POST_KEY, post.id);
          if (!this.destroyed) this.location.replaceState(`/share/posts/${encodeURIComponent(post.id)}/edit`);
        }
        this.dispatch({ type: 'saved', postId: post.id, at: new Date() });
        if (this.save().phase === 'saved') {
          this.drafts.remove(post.id);
          this.restored.set(false);
        }
      },
      error: (err: unknown) => {
        const error = this.problems.refused(err, (e) => this.problemsOf(e));
        this.dispatch({ type: 'failed', error });
      },
    });
  }

  /** Waits until the server has every change (true), or a save failed (false). */
  private flush(): Promise<boolean> {
    const state = this.save();
    if (isSettled(state)) return Promise.resolve(true);
    const settled = new Promise<boolean>((resolve) => this.waiters.push(resolve));
    this.clearTimer();
    if (state.phase === 'pending') this.dispatch({ type: 'due' });
    else if (state.phase === 'failed') this.dispatch({ type: 'retry' });
    return settled;
  }

  private resolveWaiters(settled: boolean): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve(settled);
  }

  /** The server's problems in the editor's words (a title and a body to publish; a course gone). */
  private problemsOf(error: AppError): Partial<Record<Field, string>> {
    const extra: Partial<Record<Field, string>> = {};
    for (const detail of error.details ?? []) {
      if (detail.field === 'title' && detail.problems.some((p) => /published post has/.test(p))) {
        extra.title = this.i18n.t('sharing.editor.titleRequired');
      }
      if (detail.field === 'body' && detail.problems.some((p) => /published post has/.test(p))) {
        extra.body = this.i18n.t('sharing.editor.bodyRequired');
      }
    }
    if (error.error === 'COURSE_NOT_FOUND') extra.courseId = this.i18n.t('sharing.editor.courseNotFound');
    return extra;
  }

  /** Brings the first field with a problem into view (the bar at the bottom says there are some). */
  private showProblem(): void {
    afterNextRender(
      () => {
        const field = this.host.nativeElement.querySelector('[aria-invalid="true"], .problem');
        field?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
      },
      { injector: this.injector },
    );
  }

  protected problem(field: Field): string | null {
    const key = this.missing()[field];
    return key ? this.i18n.t(key) : this.problems.of(field);
  }

  // ---- publishing -------------------------------------------------------------------------------

  protected async publish(): Promise<void> {
    if (this.publishing()) return;
    this.commitTag();
    const content = this.content();
    const missing: Partial<Record<Field, TranslationKey>> = {};
    if (!content.title.trim()) missing.title = 'sharing.editor.titleRequired';
    if (!content.body.trim()) missing.body = 'sharing.editor.bodyRequired';
    this.missing.set(missing);
    this.publishError.set(null);
    if (Object.keys(missing).length > 0) {
      if (missing.body) this.pane.set('write');
      this.showProblem();
      return;
    }
    this.publishing.set(true);
    const saved = await this.flush();
    const postId = this.save().postId;
    if (!saved || !postId) {
      this.publishing.set(false);
      this.publishError.set(this.save().error ?? { statusCode: 0, error: 'UNKNOWN', message: '' });
      return;
    }
    if (this.manual()) {
      this.publishing.set(false);
      this.notifier.showSuccess(this.i18n.t('sharing.editor.changesSaved'));
      void this.router.navigate(['/share/posts', postId]);
      return;
    }
    this.api.publish(postId).subscribe({
      next: (post) => {
        this.publishing.set(false);
        this.drafts.remove(post.id);
        this.notifier.showSuccess(this.i18n.t('sharing.editor.published'));
        void this.router.navigate(['/share/posts', post.id]);
      },
      error: (err: unknown) => {
        this.publishing.set(false);
        this.publishError.set(this.problems.refused(err, (e) => this.problemsOf(e)));
        if (this.problems.of('title') || this.problems.of('body')) this.pane.set('write');
        this.showProblem();
      },
    });
  }
}
