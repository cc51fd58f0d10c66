import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { Marked } from 'marked';

const markdown = new Marked({ gfm: true, breaks: false, async: false });

/**
 * Markdown to HTML. The result is NOT safe by itself (raw HTML passes through): it is only ever
 * bound with `[innerHTML]`, whose sanitizer removes scripts, event handlers and `javascript:` URLs.
 * Never wrap it in `bypassSecurityTrustHtml`.
 */
export function renderMarkdown(source: string | null | undefined): string {
  if (!source) return '';
  return markdown.parse(source, { async: false });
}

/** An article body as trainees will see it: Markdown rendered through Angular's HTML sanitizer. */
@Component({
  selector: 'app-markdown-preview',
  template: '<div class="md" data-testid="markdown-preview" [innerHTML]="html()"></div>',
  styleUrl: './markdown-preview.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MarkdownPreview {
  readonly source = input<string | null>(null);
  protected readonly html = computed(() => renderMarkdown(this.source()));
}
