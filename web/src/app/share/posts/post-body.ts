import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * A post's body as the server rendered and sanitised it (`bodyHtml`), in the typography of the course
 * articles (`share/markdown/markdown.scss`). Bound with `[innerHTML]`, so Angular's sanitizer checks
 * it once more; never wrap it in `bypassSecurityTrustHtml`.
 */
@Component({
  selector: 'app-post-body',
  template: '<div class="markdown" [innerHTML]="html()"></div>',
  styleUrl: '../markdown/markdown.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PostBody {
  readonly html = input.required<string>();
}
