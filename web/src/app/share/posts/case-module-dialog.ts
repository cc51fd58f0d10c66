import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { AuthoredCourseSummary } from '@lingyan/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSkeletonModule } from 'ng-zorro-antd/skeleton';
import { toAppError, type AppError } from '../../core/http/api-error';
import { TPipe } from '../../core/i18n/t.pipe';
import { errorKey } from '../../core/i18n/translation-key';
import { CurriculumService } from '../../teach/curriculum.service';
import { SharingApi } from './sharing-api.service';

/** A course a case can go into: a draft, or the draft revision of a published course. */
export interface CaseCourse {
  /** The course (or revision) the module is added to. */
  id: string;
  title: string;
  revision: boolean;
}

/**
 * The courses of a trainer that take a new module: drafts as they are, published courses through
 * their draft revision; a published course without a revision takes none (its trainer starts one in
 * the course editor first).
 */
export function caseCourses(courses: readonly AuthoredCourseSummary[]): CaseCourse[] {
  const open: CaseCourse[] = [];
  for (const course of courses) {
    if (course.status === 'draft') open.push({ id: course.id, title: course.title, revision: false });
    else if (course.status === 'published' && course.revisionId) {
      open.push({ id: course.revisionId, title: course.title, revision: true });
    }
  }
  return open;
}

/**
 * The dialog in which a trainer turns a post into an article module (a teaching case) at the end of
 * one of their courses; the module credits the author and links back to the post. It calls the API
 * itself and says `made` with the course and module.
 */
@Component({
  selector: 'app-case-module-dialog',
  imports: [
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzModalModule,
    NzSelectModule,
    NzSkeletonModule,
    TPipe,
  ],
  template: `
    <nz-modal
      [nzVisible]="postId() !== null"
      [nzTitle]="'sharing.case.title' | t"
      [nzFooter]="footer"
      [nzMaskClosable]="!saving()"
      nzWrapClassName="ly-modal-phone"
      (nzOnCancel)="close()"
    >
      <div *nzModalContent nz-form nzLayout="vertical" data-testid="case-dialog">
        <p class="intro">{{ 'sharing.case.intro' | t }}</p>
        @if (loading()) {
          <nz-skeleton [nzActive]="true" [nzTitle]="false" [nzParagraph]="{ rows: 2 }" />
        } @else if (loadError(); as err) {
          <nz-alert nzType="error" nzShowIcon [nzMessage]="errorKey(err.error) | t" data-testid="case-load-error" />
        } @else if (courses().length === 0) {
          <nz-alert nzType="info" nzShowIcon [nzMessage]="'sharing.case.noCourses' | t" data-testid="case-no-courses" />
        } @else {
          <nz-form-item>
            <nz-form-label nzFor="case-course" nzRequired>{{ 'sharing.case.course' | t }}</nz-form-label>
            <nz-form-control>
              <nz-select
                nzId="case-course"
                data-testid="case-course"
                [nzPlaceHolder]="'sharing.case.coursePlaceholder' | t"
                [ngModel]="courseId()"
                (ngModelChange)="courseId.set($event); error.set(null)"
              >
                @for (c of courses(); track c.id) {
                  <nz-option
                    [nzValue]="c.id"
                    [nzLabel]="c.revision ? ('sharing.case.revision' | t: { title: c.title }) : c.title"
                  />
                }
              </nz-select>
            </nz-form-control>
          </nz-form-item>
          <p class="help">{{ 'sharing.case.help' | t }}</p>
        }
        @if (error(); as err) {
          <nz-alert nzType="error" nzShowIcon data-testid="case-error" [nzMessage]="errorKey(err.error) | t" />
        }
      </div>
      <ng-template #footer>
        <button nz-button type="button" [disabled]="saving()" (click)="close()">{{ 'common.cancel' | t }}</button>
        <button
          nz-button
          nzType="primary"
          type="button"
          data-testid="case-confirm"
          [disabled]="!courseId()"
          [nzLoading]="saving()"
          (click)="confirm()"
        >
          {{ 'sharing.case.confirm' | t }}
        </button>
      </ng-template>
    </nz-modal>
  `,
  styles: `
    .intro,
    .help {
      margin: 0 0 12px;
      color: rgba(0, 0, 0, 0.65);
    }
    .help {
      margin: 0;
      font-size: 13px;
    }
    nz-select {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CaseModuleDialog {
  private readonly api = inject(SharingApi);
  private readonly curriculum = inject(CurriculumService);

  /** The post to turn into a case; the dialog shows while there is one. */
  readonly postId = input<string | null>(null);
  readonly made = output<{ courseId: string; moduleId: string; courseTitle: string }>();
  readonly dismissed = output<void>();

  protected readonly errorKey = errorKey;
  protected readonly loading = signal(false);
  protected readonly loadError = signal<AppError | null>(null);
  protected readonly courses = signal<CaseCourse[]>([]);
  protected readonly courseId = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly error = signal<AppError | null>(null);
  private readonly chosen = computed(() => this.courses().find((c) => c.id === this.courseId()) ?? null);

  constructor() {
    effect(() => {
      if (this.postId() === null) return;
      this.courseId.set(null);
      this.error.set(null);
      this.loadError.set(null);
      this.loading.set(true);
      this.curriculum.list().subscribe({
        next: (list) => {
          this.loading.set(false);
          const courses = caseCourses(list);
          this.courses.set(courses);
          if (courses.length === 1) this.courseId.set(courses[0].id);
        },
        error: (err: unknown) => {
          this.loading.set(false);
          this.loadError.set(toAppError(err));
        },
      });
    });
  }

  protected close(): void {
    if (!this.saving()) this.dismissed.emit();
  }

  protected confirm(): void {
    const postId = this.postId();
    const course = this.chosen();
    if (!postId || !course || this.saving()) return;
    this.saving.set(true);
    this.error.set(null);
    this.api.caseModule(postId, course.id).subscribe({
      next: (made) => {
        this.saving.set(false);
        this.made.emit({ ...made, courseTitle: course.title });
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.error.set(toAppError(err));
      },
    });
  }
}
