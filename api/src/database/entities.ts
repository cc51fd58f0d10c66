import { RefreshToken } from '../auth/refresh-token.entity';
import { Course, CourseModule, Program, ProgramCourse } from '../curriculum/curriculum.entities';
import { CreditLedgerEntry, ModuleProgress, ProgramEnrolment, ProgressEvent } from '../learning/learning.entities';
import { Media } from '../media/media.entity';
import { Region } from '../regions/region.entity';
import { User } from '../users/user.entity';

/** Every entity, listed explicitly so the bundled API carries them. */
export const ENTITIES = [
  Region,
  User,
  RefreshToken,
  Program,
  Course,
  ProgramCourse,
  CourseModule,
  ProgramEnrolment,
  ProgressEvent,
  ModuleProgress,
  CreditLedgerEntry,
  Media,
];
