import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import type { ModuleDto, ModuleProgressDto, ProgressEventRequest } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzResultModule } from 'ng-zorro-antd/result';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { AuthService } from '../core/auth/auth.service';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { newEventId } from './activity-tracker';
import { LearnApi } from './learn-api.service';
import { formatDuration } from './learn-format';
import { ProgressReporter } from './progress-reporter.service';
import { VideoReport, VideoWatch, requiredPercent, videoResumeAt, watchedPercent, withinLength } from './video-watch';

type PlayerState = 'loading' | 'ready' | 'missing' | 'error';

/** A new signed link is asked for at most this often; a video that fails again sooner is broken. */
const REFRESH_INTERVAL_MS = 30_000;

/**
 * The video player of a video module: the browser's own controls at a fixed 1× rate, no download,
 * no skipping ahead of the furthest point watched, resuming at the saved second. What is played is
 * reported through the progress queue (see `VideoWatch`) every ~15 s, on pause, at the end and when
 * the page is hidden or left.
 */
@Component({
  selector: 'app-video-player',
  imports: [NzButtonModule, NzIconModule, NzResultModule, NzSpinModule, TPipe],
  templateUrl: './video-player.html',
  styleUrl: './video-player.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VideoPlayer {
  private readonly api = inject(LearnApi);
  private readonly reporter = inject(ProgressReporter);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);

  readonly module = input.required<ModuleDto>();
  /** The server's latest word on the trainee's progress (updated after each report). */
  readonly progress = input.required<ModuleProgressDto>();
  /** A fresh copy of the module was loaded (new signed link); its progress is the newest. */
  readonly refreshed = output<ModuleDto>();

  private readonly video = viewChild<ElementRef<HTMLVideoElement>>('video');

  protected readonly src = signal<string | null>(null);
  protected readonly state = signal<PlayerState>('loading');
  protected readonly externalUrl = computed(() => this.module().externalUrl);
  protected readonly duration = signal<number | null>(null);
  /** Furthest second watched, kept current while playing. */
  protected readonly furthest = signal(0);

  protected readonly length = computed(() => this.duration() ?? this.module().durationSeconds ?? null);
  protected readonly watched = computed(() => {
    const p = this.progress();
    return watchedPercent(p.watchedSeconds, p.requiredWatchedSeconds, this.length());
  });
  protected readonly furthestText = computed(() => {
    const length = this.length();
    return length
      ? this.i18n.t('learn.video.furthest', {
          time: formatDuration(Math.min(this.furthest(), length)),
          duration: formatDuration(length),
        })
      : '';
  });
  /** The share of the timeline that must be watched (90%). */
  protected readonly required = computed(() => requiredPercent(this.progress().requiredWatchedSeconds, this.length()));
  protected readonly furthestPercent = computed(() => {
    const length = this.length();
    return length ? Math.min(100, (this.furthest() / length) * 100) : 0;
  });

  private watch: VideoWatch | null = null;
  private moduleId: string | null = null;
  /** Where to put the playhead once the (new) source has loaded, and whether to play on. */
  private pendingSeek: number | null = null;
  private pendingPlay = false;
  /** Say so once the saved position has been restored (the first load only). */
  private announceResume = false;
  private lastRefresh = 0;
  private lastSnapMessage = 0;
  private pageHiding = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly pageListeners: Array<() => void> = [];
  private readonly videoListeners: Array<() => void> = [];

  constructor() {
    // a new module: start over with its source and saved position
    effect(() => {
      const module = this.module();
      untracked(() => this.load(module));
    });
    // the server may know of a further point (another device)
    effect(() => {
      const furthest = this.progress().furthestPosition;
      untracked(() => {
        this.watch?.learnFurthest(furthest);
        if (this.watch) this.furthest.set(this.watch.furthest);
      });
    });
    effect(() => {
      const element = this.video()?.nativeElement;
      if (element) untracked(() => this.attach(element));
    });
    const page = this.pageListeners;
    listen(page, document, 'visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.leave();
    });
    listen(page, window, 'pagehide', () => {
      this.pageHiding = true;
      this.leave();
    });
    listen(page, window, 'pageshow', () => (this.pageHiding = false));
    inject(DestroyRef).onDestroy(() => {
      this.leave(false);
      for (const remove of [...page.splice(0), ...this.videoListeners.splice(0)]) remove();
      this.stopTimer();
    });
  }

  /** Tries the video again after an error (with a fresh link). */
  protected retry(): void {
    this.lastRefresh = 0;
    this.refresh();
  }

  private load(module: ModuleDto): void {
    const same = this.moduleId === module.id;
    if (!same) {
      this.leave(false);
      this.moduleId = module.id;
      this.watch = new VideoWatch({ furthest: module.progress.furthestPosition });
      this.furthest.set(this.watch.furthest);
      this.duration.set(null);
      this.pendingSeek = videoResumeAt(
        module.status === 'complete' ? null : module.progress.lastPosition,
        module.durationSeconds,
        module.progress.furthestPosition,
      );
      this.pendingPlay = false;
      this.announceResume = this.pendingSeek > 0;
    }
    const src = module.media?.url ?? module.externalUrl ?? null;
    this.src.set(src);
    this.state.set(src ? 'loading' : 'missing');
  }

  private attach(video: HTMLVideoElement): void {
    for (const remove of this.videoListeners.splice(0)) remove();
    const on = (type: string, handler: () => void) => listen(this.videoListeners, video, type, handler);
    video.defaultPlaybackRate = 1;
    video.playbackRate = 1;
    const metadata = () => {
      if (Number.isFinite(video.duration) && video.duration > 0) this.duration.set(video.duration);
      if (this.pendingSeek !== null && this.pendingSeek > 0) {
        video.currentTime = Math.min(this.pendingSeek, video.duration || this.pendingSeek);
        if (this.announceResume) {
          this.message.info(this.i18n.t('learn.video.resumed', { time: formatDuration(video.currentTime) }));
        }
      }
      this.announceResume = false;
      this.pendingSeek = null;
      this.state.set('ready');
      if (this.pendingPlay) {
        this.pendingPlay = false;
        void video.play().catch(() => undefined);
      }
    };
    on('loadedmetadata', metadata);
    on('playing', () => {
      this.watch?.play(video.currentTime);
      this.startTimer();
    });
    on('timeupdate', () => this.observe(video));
    on('seeking', () => this.seeking(video));
    on('pause', () => {
      this.stopTimer();
      if (this.watch) this.send(this.watch.pause(video.currentTime));
    });
    on('ended', () => {
      this.stopTimer();
      if (this.watch) this.send(this.watch.pause(video.duration || video.currentTime));
    });
    on('ratechange', () => {
      if (video.playbackRate !== 1) video.playbackRate = 1;
    });
    on('error', () => this.failed(video));
    // the metadata may have arrived before the listeners (a cached video)
    if (video.readyState >= 1 && this.state() === 'loading') metadata();
    else if (video.error) this.failed(video);
  }

  /** The playhead moved while playing (timeupdate or the 1 s timer). */
  private observe(video: HTMLVideoElement): void {
    const watch = this.watch;
    if (!watch || video.seeking || !watch.playing) return;
    const result = watch.progress(video.currentTime);
    this.send(result.reports);
    this.furthest.set(watch.furthest);
    if (result.snapTo !== null) this.snapBack(video, result.snapTo);
  }

  private seeking(video: HTMLVideoElement): void {
    const watch = this.watch;
    if (!watch) return;
    const target = video.currentTime;
    const allowed = watch.allowedSeek(target);
    if (allowed < target - 0.01) {
      this.snapBack(video, allowed);
      return; // setting currentTime seeks again, to the allowed point
    }
    const report = watch.seek(allowed);
    if (report) this.send([report]);
  }

  private snapBack(video: HTMLVideoElement, to: number): void {
    video.currentTime = to;
    const now = Date.now();
    if (now - this.lastSnapMessage > 3_000) {
      this.lastSnapMessage = now;
      this.message.warning(this.i18n.t('learn.video.noSkip'));
    }
  }

  /** Loading or playing failed: most often the signed link expired; ask for a fresh one once. */
  private failed(video: HTMLVideoElement): void {
    const code = video.error?.code;
    if (code === undefined || code === 1 /* MEDIA_ERR_ABORTED: the source was changed */) return;
    const wasPlaying = this.watch?.playing ?? false;
    if (this.watch && wasPlaying) this.send(this.watch.pause(this.watch.position));
    this.stopTimer();
    if (Date.now() - this.lastRefresh < REFRESH_INTERVAL_MS || !this.module().media) {
      this.state.set('error');
      return;
    }
    this.refresh(wasPlaying);
  }

  private refresh(playOn = false): void {
    const moduleId = this.moduleId;
    if (!moduleId) return;
    this.lastRefresh = Date.now();
    this.state.set('loading');
    const video = this.video()?.nativeElement;
    // go on where the trainee was, or where the video was to start if it never loaded
    if (this.pendingSeek === null) this.pendingSeek = this.watch?.position ?? video?.currentTime ?? null;
    this.pendingPlay = playOn;
    this.api.module(moduleId).subscribe({
      next: (module) => {
        if (module.id !== this.moduleId) return;
        const src = module.media?.url ?? module.externalUrl ?? null;
        if (!src) {
          this.state.set('missing');
          return;
        }
        this.src.set(src);
        // the same link again (not expired after all): load it anew
        if (video && video.getAttribute('src') === src) video.load();
        this.refreshed.emit(module);
      },
      error: () => this.state.set('error'),
    });
  }

  /** The page is hidden or left: report what was played; hiding pauses the video. */
  private leave(keepalive = true): void {
    const video = this.video()?.nativeElement;
    const watch = this.watch;
    if (!watch) return;
    if (watch.playing) {
      this.send(watch.pause(video?.currentTime ?? watch.position), keepalive);
      this.stopTimer();
    }
    if (video && !video.paused && keepalive) video.pause();
  }

  private send(reports: VideoReport[], keepalive = this.pageHiding || document.visibilityState === 'hidden'): void {
    const userId = this.auth.user()?.id;
    const moduleId = this.moduleId;
    if (!userId || !moduleId) return;
    const length = this.module().durationSeconds;
    for (const report of reports) {
      const r = withinLength(report, length);
      const event: ProgressEventRequest = {
        eventId: newEventId(),
        moduleId,
        startedAt: new Date(r.start).toISOString(),
        endedAt: new Date(r.end).toISOString(),
        position: r.position,
        segmentStart: r.segmentStart,
        segmentEnd: r.segmentEnd,
      };
      void this.reporter.report(event, userId, keepalive);
    }
  }

  private startTimer(): void {
    if (this.timer) return;
    // timeupdate may stop (stalls, throttled tabs): windows still close on time
    this.timer = setInterval(() => {
      const video = this.video()?.nativeElement;
      if (video) this.observe(video);
    }, 1_000);
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

function listen(into: Array<() => void>, target: EventTarget, type: string, handler: () => void): void {
  target.addEventListener(type, handler);
  into.push(() => target.removeEventListener(type, handler));
}
