import { Foundation1764115200000 } from './1764115200000-Foundation';
import { CurriculumAndLearning1764201600000 } from './1764201600000-CurriculumAndLearning';
import { MediaRevisionsPrograms1764288000000 } from './1764288000000-MediaRevisionsPrograms';
import { CohortsAndCompletion1764374400000 } from './1764374400000-CohortsAndCompletion';
import { ProgressWritePath1764460800000 } from './1764460800000-ProgressWritePath';
import { ProgressRetry1764547200000 } from './1764547200000-ProgressRetry';
import { QuizzesAndQuestionBanks1764633600000 } from './1764633600000-QuizzesAndQuestionBanks';
import { Certificates1764720000000 } from './1764720000000-Certificates';
import { Assignments1764806400000 } from './1764806400000-Assignments';
import { EvaluationsAndResults1764979200000 } from './1764979200000-EvaluationsAndResults';
import { CourseRatings1764892800000 } from './1764892800000-CourseRatings';
import { Mentoring1765065600000 } from './1765065600000-Mentoring';
import { Sharing1765152000000 } from './1765152000000-Sharing';
import { SharingModeration1765238400000 } from './1765238400000-SharingModeration';

/** Every migration, in order. Listed explicitly so the bundled API carries them. */
export const MIGRATIONS = [
  Foundation1764115200000,
  CurriculumAndLearning1764201600000,
  MediaRevisionsPrograms1764288000000,
  CohortsAndCompletion1764374400000,
  ProgressWritePath1764460800000,
  ProgressRetry1764547200000,
  QuizzesAndQuestionBanks1764633600000,
  Certificates1764720000000,
  Assignments1764806400000,
  EvaluationsAndResults1764979200000,
  CourseRatings1764892800000,
  Mentoring1765065600000,
  Sharing1765152000000,
  SharingModeration1765238400000,
];
