import type { IconDefinition } from '@ant-design/icons-angular';
import {
  ArrowLeftOutline,
  BookOutline,
  FieldTimeOutline,
  FilePdfOutline,
  FileTextOutline,
  PlayCircleOutline,
  TrophyOutline,
} from '@ant-design/icons-angular/icons';

/** Icons of the learning pages beyond the app's and ng-zorro's own (bundled, never fetched). */
export const LEARN_ICONS: IconDefinition[] = [
  ArrowLeftOutline,
  BookOutline,
  FieldTimeOutline,
  FilePdfOutline,
  FileTextOutline,
  PlayCircleOutline,
  TrophyOutline,
];
