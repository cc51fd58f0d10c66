import type { ContentStatus, CourseCategory, ModuleKind } from './learning';

/** A module as its author edits it. */
export interface AuthoredModuleDto {
  id: string;
  position: number;
  kind: ModuleKind;
  title: string;
  /** Markdown of an article. */
  body: string | null;
  estimatedMinutes: number;
  /** Credit hours from the default credit table for the module's length. */
  credits: number;
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
  modules: AuthoredModuleDto[];
}

export interface CreateCourseRequest {
  title: string;
  summary?: string;
  category: CourseCategory;
  sequential?: boolean;
}

export type UpdateCourseRequest = Partial<CreateCourseRequest>;

export interface CreateModuleRequest {
  kind: ModuleKind;
  title: string;
  body?: string | null;
  estimatedMinutes: number;
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
