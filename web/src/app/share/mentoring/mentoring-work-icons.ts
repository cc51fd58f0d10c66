import type { IconDefinition } from '@ant-design/icons-angular';
import {
  ArrowLeftOutline,
  BulbOutline,
  CalendarOutline,
  CheckSquareOutline,
  DownOutline,
  FlagOutline,
  FormOutline,
  LeftOutline,
  MessageOutline,
  SaveOutline,
  UpOutline,
  VideoCameraOutline,
} from '@ant-design/icons-angular/icons';

/**
 * Icons of the mentor's and the trainee's mentoring screens beyond the app's own (`core/icons.ts`),
 * bundled statically (the CSP forbids fetching icons). The pages provide them themselves: they live
 * under the mentor and the learn routes alike.
 */
export const MENTORING_WORK_ICONS: IconDefinition[] = [
  ArrowLeftOutline,
  BulbOutline,
  CalendarOutline,
  CheckSquareOutline,
  DownOutline,
  FlagOutline,
  FormOutline,
  LeftOutline,
  MessageOutline,
  SaveOutline,
  UpOutline,
  VideoCameraOutline,
];
