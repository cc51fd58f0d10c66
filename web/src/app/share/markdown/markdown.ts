import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { Marked } from 'marked';

const markdown = new Marked({ gfm: true, breaks: false, async: false });

/**
 * Markdown to HTML. The result is NOT safe by itself (raw HTML passes through): it must only ever be
 * bound with `[innerHTML]`, whose sanitizer removes scripts, event handlers and `javascript:` URLs.
 * Never wrap it in `bypassSecurityTrustHtml`.
 */
export function markdownToHtml(source: string | null | undefined): string {
  if (!source) return '';
  return markdown.parse(source, { async: false });
}

/** An article body: Markdown rendered through Angular's HTML sanitizer. */
@Component({
  selector: 'app-markdown',
  template: '<div class="markdown" [innerHTML]="html()"></div>',
  styleUrl: './markdown.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MarkdownView {
  readonly source = input<string | null>(null);
  protected readonly html = computed(() => markdownToHtml(this.source()));
}
