import type { ContentStatus, CourseCategory, ModuleKind } from './learning';
import type { MediaDto } from './media';
import type { AssignmentSettings, QuizSettings } from './evaluation';

/** What a module can lack before its course is published. */
export const MODULE_PROBLEMS = [
  'article_empty',
  'video_source_missing',
  'video_duration_missing',
  'document_missing',
  'quiz_no_questions',
  'quiz_questions_missing',
  'quiz_draw_short',
  'assignment_task_empty',
  'assignment_rubric_invalid',
] as const;
export type ModuleProblem = (typeof MODULE_PROBLEMS)[number];

/**
 * A module as its author edits it. Articles have a `body`; videos an uploaded `media` file or an
 * `externalUrl`, and a `durationSeconds`; documents an uploaded PDF in `media`.
 */
export interface AuthoredModuleDto {
  id: string;
  position: number;
  kind: ModuleKind;
  title: string;
  /** Markdown of an article. Images are written `![caption](/api/media/<id>)`. */
  body: string | null;
  /** Signed links for the images `body` references, to show them in a preview. */
  bodyMedia: Record<string, string>;
  media: MediaDto | null;
  /** An https:// address of a video hosted elsewhere (instead of an upload). */
  externalUrl: string | null;
  /** Length of a video; the 90%-watched rule is measured against it. */
  durationSeconds: number | null;
  estimatedMinutes: number;
  /** Credit hours from the default credit table for the module's length. */
  credits: number;
  /** A quiz's questions and rules. */
  quiz: QuizSettings | null;
  /** An assignment's rubric, due date and pass mark; its task is `body`. */
  assignment: AssignmentSettings | null;
  /** What the module lacks before its course can be published; empty when it is ready. */
  problems: ModuleProblem[];
  updatedAt: string;
}

export interface AuthoredCourseSummary {
  id: string;
  title: string;
  category: CourseCategory;
  status: ContentStatus;
  ownerName: string;
  moduleCount: number;
  credits: number;
  cover: MediaDto | null;
  /** Offered in the catalog of open electives that any trainee may join. */
  openElective: boolean;
  /** The draft revision being prepared for this published course, if any. */
  revisionId: string | null;
  updatedAt: string;
}

/** A trainer who edits a course together with its owner. */
export interface CourseCoOwner {
  username: string;
  name: string;
}

export interface AuthoredCourseDto extends AuthoredCourseSummary {
  summary: string;
  /** Trainers who may edit the course besides its owner. */
  coOwners: CourseCoOwner[];
  sequential: boolean;
  publishedAt: string | null;
  /**
   * Set on a draft revision: the published course it will replace when published. Publishing a
   * revision keeps every trainee's progress on modules that still exist.
   */
  revisionOf: string | null;
  modules: AuthoredModuleDto[];
}

export interface CreateCourseRequest {
  title: string;
  summary?: string;
  category: CourseCategory;
  sequential?: boolean;
  openElective?: boolean;
  /** An uploaded image (`kind: image`), or null to remove the cover. */
  coverMediaId?: string | null;
}

export type UpdateCourseRequest = Partial<CreateCourseRequest>;

export interface CreateModuleRequest {
  kind: ModuleKind;
  title: string;
  body?: string | null;
  estimatedMinutes: number;
  /** An uploaded video (video modules) or PDF (document modules). */
  mediaId?: string | null;
  /** https:// address of a video hosted elsewhere; video modules only, instead of `mediaId`. */
  externalUrl?: string | null;
  /** Video length in seconds (1–36,000). */
  durationSeconds?: number | null;
  /** Quiz modules: questions and rules (defaults to `DEFAULT_QUIZ_SETTINGS`). */
  quiz?: QuizSettings;
  /** Assignment modules: rubric, due date, pass mark (defaults to `DEFAULT_ASSIGNMENT_SETTINGS`). */
  assignment?: AssignmentSettings;
}

export type UpdateModuleRequest = Partial<Omit<CreateModuleRequest, 'kind'>>;

export interface ModuleOrderRequest {
  /** Every module id of the course, in the new order. */
  moduleIds: string[];
}

export interface CoOwnersRequest {
  /** Usernames of active trainers; replaces the course's co-owners. */
  usernames: string[];
}

/** A trainer who can be named co-owner (`GET /api/curriculum/trainers?q=`). */
export interface TrainerOption {
  username: string;
  name: string;
}
