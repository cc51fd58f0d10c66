import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { Marked } from 'marked';

const markdown = new Marked({ gfm: true, breaks: false, async: false });

/**
 * Markdown to HTML. The result is NOT safe by itself (raw HTML passes through): it must only ever be
 * bound with `[innerHTML]`, whose sanitizer removes scripts, event handlers and `javascript:` URLs.
 * Never wrap it in `bypassSecurityTrustHtml`.
 */
export function markdownToHtml(source: string | null | undefined, media: Record<string, string> = {}): string {
  if (!source) return '';
  const tokens = markdown.lexer(source);
  void markdown.walkTokens(tokens, (token) => {
    // Uploaded images are written `/api/media/<id>`; the API sends a signed link for each.
    if (token.type === 'image') {
      const id = MEDIA_PATH.exec(token.href)?.[1];
      if (id && media[id]) token.href = media[id];
    }
  });
  return markdown.parser(tokens, { async: false });
}

const MEDIA_PATH = /^\/api\/media\/([0-9a-f-]{36})$/i;

/** An article body: Markdown rendered through Angular's HTML sanitizer. */
@Component({
  selector: 'app-markdown',
  template: '<div class="markdown" [innerHTML]="html()"></div>',
  styleUrl: './markdown.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MarkdownView {
  readonly source = input<string | null>(null);
  /** Signed links of uploaded images by media id (`bodyMedia` of a module). */
  readonly media = input<Record<string, string>>({});
  protected readonly html = computed(() => markdownToHtml(this.source(), this.media()));
}
