import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import type { ModuleDto } from '@lingyan/contracts';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import type { PDFDocumentLoadingTask, PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { I18nService } from '../core/i18n/i18n.service';
import { TPipe } from '../core/i18n/t.pipe';
import { LearnApi } from './learn-api.service';
import { PageCursor, PageSession, resumePage } from './page-session';
import { ProgressReporter } from './progress-reporter.service';

type PdfJs = typeof import('pdfjs-dist');
type ReaderState = 'loading' | 'ready' | 'missing' | 'error';

/** Where the build puts pdf.js's worker, CMaps (Chinese fonts) and standard fonts (see web/project.json). */
const PDFJS_ASSETS = 'pdfjs/';
/** Zoom steps: 1 is the width of the reader; above it the page scrolls sideways. */
export const PDF_ZOOMS = [1, 1.5, 2, 3] as const;
/** Canvases larger than this many pixels fail on some phones (iOS: 16.7 M). */
const MAX_CANVAS_PIXELS = 12_000_000;

let pdfjsLoading: Promise<PdfJs> | null = null;

/** pdf.js is loaded on first use only: it is large and most pages never need it. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsLoading ??= import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = new URL(`${PDFJS_ASSETS}pdf.worker.min.mjs`, document.baseURI).href;
    return pdfjs;
  });
  pdfjsLoading.catch(() => (pdfjsLoading = null)); // a failed download may be tried again
  return pdfjsLoading;
}

function isCancelled(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'RenderingCancelledException';
}

/**
 * The PDF reader of a document module: one page at a time, drawn on a canvas as wide as the reader
 * (sharp on high-density screens), with page navigation. Reading time is reported like the article
 * reader's (`PageSession`), with the page number as the position, and the reader reopens at that page.
 */
@Component({
  selector: 'app-pdf-reader',
  imports: [NzButtonModule, NzIconModule, NzProgressModule, NzSpinModule, TPipe],
  templateUrl: './pdf-reader.html',
  styleUrl: './pdf-reader.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKey($event)' },
})
export class PdfReader {
  private readonly api = inject(LearnApi);
  private readonly reporter = inject(ProgressReporter);
  private readonly auth = inject(AuthService);
  private readonly i18n = inject(I18nService);
  private readonly message = inject(NzMessageService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly module = input.required<ModuleDto>();
  /** A fresh copy of the module was loaded (new signed link). */
  readonly refreshed = output<ModuleDto>();

  private readonly stage = viewChild<ElementRef<HTMLElement>>('stage');

  protected readonly state = signal<ReaderState>('loading');
  /** Download progress 0–100, or null while the size is unknown. */
  protected readonly percent = signal<number | null>(null);
  protected readonly page = signal(1);
  protected readonly pageCount = signal(0);
  protected readonly rendering = signal(false);
  protected readonly pageFailed = signal(false);
  /** Height of the page being shown, kept while the next one renders so the layout does not jump. */
  protected readonly stageHeight = signal<number | null>(null);
  protected readonly zoom = signal(1);
  protected readonly canZoomIn = computed(() => this.zoom() < PDF_ZOOMS[PDF_ZOOMS.length - 1]);
  protected readonly canZoomOut = computed(() => this.zoom() > PDF_ZOOMS[0]);
  protected readonly hasPrevious = computed(() => this.page() > 1);
  protected readonly hasNext = computed(() => this.page() < this.pageCount());

  private doc: PDFDocumentProxy | null = null;
  private loadingTask: PDFDocumentLoadingTask | null = null;
  private renderTask: RenderTask | null = null;
  private cursor: PageCursor | null = null;
  private session: PageSession | null = null;
  private moduleId: string | null = null;
  private generation = 0;
  private renderedWidth = 0;
  private resizeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    effect(() => {
      const module = this.module();
      untracked(() => {
        if (module.id !== this.moduleId) void this.open(module);
      });
    });

    let observer: ResizeObserver | null = null;
    afterNextRender(() => {
      if (typeof ResizeObserver === 'undefined') return;
      observer = new ResizeObserver(() => this.onResize());
      observer.observe(this.host.nativeElement);
    });

    inject(DestroyRef).onDestroy(() => {
      observer?.disconnect();
      this.close();
    });
  }

  protected previous(): void {
    if (this.cursor?.previous()) this.turned();
  }

  protected next(): void {
    if (this.cursor?.next()) this.turned();
  }

  protected zoomIn(): void {
    const next = PDF_ZOOMS.find((z) => z > this.zoom());
    if (next) this.setZoom(next);
  }

  protected zoomOut(): void {
    const previous = [...PDF_ZOOMS].reverse().find((z) => z < this.zoom());
    if (previous) this.setZoom(previous);
  }

  private setZoom(zoom: number): void {
    this.zoom.set(zoom);
    this.session?.pageTurned(); // zooming is reading
    void this.render();
  }

  protected retry(): void {
    const module = this.module();
    this.moduleId = null;
    void this.open(module, true);
  }

  protected retryPage(): void {
    void this.render();
  }

  protected onKey(event: KeyboardEvent): void {
    if (this.state() !== 'ready' || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement | null;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    if (event.key === 'ArrowRight' || event.key === 'PageDown') this.next();
    else if (event.key === 'ArrowLeft' || event.key === 'PageUp') this.previous();
  }

  private turned(): void {
    if (!this.cursor) return;
    this.page.set(this.cursor.page);
    this.session?.pageTurned();
    void this.render();
    // the top of the new page in view
    const top = this.host.nativeElement.getBoundingClientRect().top;
    if (top < 0) this.host.nativeElement.scrollIntoView({ block: 'start', behavior: 'instant' as ScrollBehavior });
  }

  /** Downloads and opens the module's PDF; an expired link is renewed once. */
  private async open(module: ModuleDto, fresh = false): Promise<void> {
    this.close();
    this.moduleId = module.id;
    const generation = ++this.generation;
    const url = module.media?.url;
    if (!url) {
      this.state.set('missing');
      return;
    }
    this.state.set('loading');
    this.percent.set(null);
    this.pageFailed.set(false);
    try {
      const pdfjs = await loadPdfJs();
      if (generation !== this.generation) return;
      const doc = await this.download(pdfjs, url, generation).catch(async (error: unknown) => {
        const status = (error as { status?: number } | null)?.status;
        if (fresh || generation !== this.generation || !status || status < 400 || status >= 500) throw error;
        // the signed link expired: ask for a new one and try once more
        const renewed = await firstValueFrom(this.api.module(module.id));
        if (generation !== this.generation) throw error;
        this.refreshed.emit(renewed);
        if (!renewed.media?.url) throw error;
        return this.download(pdfjs, renewed.media.url, generation);
      });
      if (generation !== this.generation) {
        void doc.destroy();
        return;
      }
      this.doc = doc;
      const start = resumePage(module.status === 'complete' ? null : module.progress.lastPosition, doc.numPages);
      this.cursor = new PageCursor(doc.numPages, start);
      this.page.set(this.cursor.page);
      this.pageCount.set(doc.numPages);
      this.state.set('ready');
      if (start > 1) this.message.info(this.i18n.t('learn.pdf.resumed', { page: start }));
      this.startSession(module.id);
      afterNextRender(() => void this.render(), { injector: this.injector });
    } catch (error) {
      if (generation !== this.generation) return;
      console.warn('PDF could not be opened', error);
      this.state.set('error');
    }
  }

  private download(pdfjs: PdfJs, url: string, generation: number): Promise<PDFDocumentProxy> {
    const base = new URL(PDFJS_ASSETS, document.baseURI).href;
    const task = pdfjs.getDocument({
      url,
      isEvalSupported: false, // the app's CSP has no unsafe-eval
      cMapUrl: `${base}cmaps/`,
      cMapPacked: true,
      standardFontDataUrl: `${base}standard_fonts/`,
    });
    this.loadingTask = task;
    task.onProgress = ({ loaded, total }: { loaded: number; total: number }) => {
      if (generation === this.generation && total > 0 && loaded > 0)
        this.percent.set(Math.min(100, Math.round((loaded / total) * 100)));
    };
    return task.promise;
  }

  /** Draws the current page as wide as the reader, at the screen's pixel density. */
  private async render(): Promise<void> {
    const doc = this.doc;
    const stage = this.stage()?.nativeElement;
    if (!doc || !stage || !this.cursor) return;
    const number = this.cursor.page;
    const generation = this.generation;
    this.cancelRender();
    this.rendering.set(true);
    this.pageFailed.set(false);
    try {
      const page = await doc.getPage(number);
      const fit = stage.clientWidth;
      const width = Math.floor(fit * this.zoom());
      if (generation !== this.generation || number !== this.cursor.page || width <= 0) return;
      const base = page.getViewport({ scale: 1 });
      const cssScale = width / base.width;
      let density = Math.min(window.devicePixelRatio || 1, 3);
      const pixels = base.width * base.height * (cssScale * density) ** 2;
      if (pixels > MAX_CANVAS_PIXELS) density *= Math.sqrt(MAX_CANVAS_PIXELS / pixels);
      const viewport = page.getViewport({ scale: cssScale * density });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${Math.floor(viewport.height / density)}px`;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', this.i18n.t('learn.pdf.pageAlt', { page: number }));
      canvas.dataset['testid'] = 'pdf-page';
      canvas.dataset['page'] = String(number);
      this.cancelRender(); // a newer render may have started while the page loaded
      const task = page.render({ canvas, viewport });
      this.renderTask = task;
      await task.promise;
      if (generation !== this.generation || number !== this.cursor.page) return;
      // swap in the finished page: no blank flash between pages
      stage.replaceChildren(canvas);
      this.renderedWidth = fit;
      this.stageHeight.set(Math.floor(viewport.height / density));
      this.rendering.set(false);
    } catch (error) {
      if (isCancelled(error) || generation !== this.generation) return;
      console.warn('PDF page could not be drawn', error);
      this.rendering.set(false);
      this.pageFailed.set(true);
    }
  }

  private cancelRender(): void {
    this.renderTask?.cancel();
    this.renderTask = null;
  }

  private onResize(): void {
    if (this.resizeTimer) clearTimeout(this.resizeTimer);
    this.resizeTimer = setTimeout(() => {
      const width = this.stage()?.nativeElement.clientWidth ?? 0;
      if (this.doc && width > 0 && Math.abs(width - this.renderedWidth) > 1) void this.render();
    }, 150);
  }

  private startSession(moduleId: string): void {
    const userId = this.auth.user()?.id;
    if (!userId || !this.cursor) return;
    const cursor = this.cursor;
    this.session = new PageSession({
      moduleId,
      page: () => cursor.page,
      reachedEnd: () => cursor.reachedEnd,
      report: (event, keepalive) => void this.reporter.report(event, userId, keepalive),
    });
    this.session.start();
  }

  /** Reports the last window and lets go of the document. */
  private close(): void {
    this.generation++;
    this.session?.stop();
    this.session = null;
    this.cancelRender();
    void this.loadingTask?.destroy();
    this.loadingTask = null;
    this.doc = null;
    this.cursor = null;
    if (this.resizeTimer) clearTimeout(this.resizeTimer);
  }
}
