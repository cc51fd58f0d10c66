import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { COMMENT_MAX_LENGTH, type PostCommentDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { Subject, combineLatest, startWith, switchMap } from 'rxjs';
import { toAppError, type AppError } from '../../core/http/api-error';
import { ErrorNotifier } from '../../core/http/error-notifier';
import { AuthService } from '../../core/auth/auth.service';
import { I18nService } from '../../core/i18n/i18n.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { loading, toLoadState, type LoadState } from '../../learn/load-state';
import { LoadError } from '../load-error/load-error';
import type { ReportTarget } from './report-dialog';
import { SharingApi } from './sharing-api.service';
import { authorLine, commentCount, postTime } from './sharing-format';

/** Whom a reply answers: the top-level comment it goes under, and the comment (or reply) replied to. */
export interface ReplyTarget {
  rootId: string;
  parentId: string;
  name: string;
}

/**
 * The text of a reply: an answer to a reply starts "@宋春燕 " (it shows under the same comment, so it
 * names whom it answers; the server tells that person), within the comment's length.
 */
export function replyBody(text: string, target: ReplyTarget): string {
  if (target.parentId === target.rootId) return text;
  const mention = `@${target.name} `;
  return text.startsWith(mention) ? text : `${mention}${text}`.slice(0, COMMENT_MAX_LENGTH);
}

/**
 * A post's discussion: comments, oldest first, each with its replies (one level: answering a reply
 * puts the answer under the same comment, naming whom it answers). The composer is at the top; 回复
 * opens a box under the comment.
 */
@Component({
  selector: 'app-post-comments',
  imports: [FormsModule, NzButtonModule, NzIconModule, NzInputModule, NzSkeletonModule, TPipe, LoadError],
  templateUrl: './post-comments.html',
  styleUrl: './post-comments.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PostComments {
  private readonly api = inject(SharingApi);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly notifier = inject(ErrorNotifier);
  private readonly injector = inject(Injector);

  readonly postId = input.required<string>();
  /** How many comments and replies there are, whenever they load or one is added. */
  readonly counted = output<number>();
  /** A reader asks to report a comment (the post page shows the dialog). */
  readonly report = output<ReportTarget>();
  protected readonly me = computed(() => this.auth.user()?.id ?? null);

  protected readonly maxLength = COMMENT_MAX_LENGTH;
  protected readonly errorKey = errorKey;

  private readonly reload$ = new Subject<void>();
  protected readonly state = signal<LoadState<PostCommentDto[]>>(loading());
  protected readonly comments = signal<PostCommentDto[]>([]);
  protected readonly total = computed(() => commentCount(this.comments()));
  protected readonly loadError = computed(() => {
    const state = this.state();
    return state.status === 'error' ? state.error : null;
  });

  protected readonly text = signal('');
  protected readonly sending = signal(false);
  protected readonly sendError = signal<AppError | null>(null);

  protected readonly replyTarget = signal<ReplyTarget | null>(null);
  protected readonly replyText = signal('');
  protected readonly replying = signal(false);
  protected readonly replyError = signal<AppError | null>(null);
  private readonly replyInput = viewChild<ElementRef<HTMLTextAreaElement>>('replyInput');

  constructor() {
    combineLatest([toObservable(this.postId), this.reload$.pipe(startWith(undefined))])
      .pipe(
        switchMap(([id]) => toLoadState(this.api.comments(id))),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        this.state.set(state);
        if (state.status === 'ok') this.show(state.value);
      });
  }

  protected retry(): void {
    this.reload$.next();
  }

  protected author(comment: PostCommentDto): string {
    return authorLine(comment.author, (k, p) => this.i18n.t(k, p));
  }

  protected time(comment: PostCommentDto): string {
    const time = postTime(comment.createdAt, new Date(), this.i18n.lang());
    return this.i18n.t(time.key, time.params);
  }

  protected send(): void {
    const body = this.text().trim();
    if (!body || this.sending()) return;
    this.sending.set(true);
    this.sendError.set(null);
    this.api.comment(this.postId(), body).subscribe({
      next: (comments) => {
        this.sending.set(false);
        this.text.set('');
        this.show(comments);
        this.notifier.showSuccess(this.i18n.t('sharing.comments.sent'));
      },
      error: (err: unknown) => {
        this.sending.set(false);
        this.sendError.set(toAppError(err));
      },
    });
  }

  protected openReply(root: PostCommentDto, to: PostCommentDto): void {
    const current = this.replyTarget();
    if (current?.parentId !== to.id) {
      this.replyText.set('');
      this.replyError.set(null);
    }
    this.replyTarget.set({ rootId: root.id, parentId: to.id, name: to.author.name });
    afterNextRender(() => this.replyInput()?.nativeElement.focus(), { injector: this.injector });
  }

  protected cancelReply(): void {
    this.replyTarget.set(null);
    this.replyText.set('');
    this.replyError.set(null);
  }

  protected sendReply(): void {
    const target = this.replyTarget();
    const text = this.replyText().trim();
    if (!target || !text || this.replying()) return;
    // an answer to a reply goes under the same comment: it names whom it answers
    const body = replyBody(text, target);
    this.replying.set(true);
    this.replyError.set(null);
    this.api.comment(this.postId(), body, target.parentId).subscribe({
      next: (comments) => {
        this.replying.set(false);
        this.cancelReply();
        this.show(comments);
        this.notifier.showSuccess(this.i18n.t('sharing.comments.replied'));
      },
      error: (err: unknown) => {
        this.replying.set(false);
        this.replyError.set(toAppError(err));
      },
    });
  }

  /** Ctrl+Enter (or ⌘+Enter) sends, on a keyboard. */
  protected sendOnCtrlEnter(event: Event, reply: boolean): void {
    const key = event as KeyboardEvent;
    if (!(key.ctrlKey || key.metaKey)) return;
    event.preventDefault();
    if (reply) this.sendReply();
    else this.send();
  }

  private show(comments: PostCommentDto[]): void {
    this.comments.set(comments);
    this.counted.emit(commentCount(comments));
  }
}
