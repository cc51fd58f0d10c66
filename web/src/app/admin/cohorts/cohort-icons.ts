import type { IconDefinition } from '@ant-design/icons-angular';
import {
  CalendarOutline,
  CloseCircleOutline,
  HistoryOutline,
  LeftOutline,
  PaperClipOutline,
  QuestionCircleOutline,
  RedoOutline,
  UsergroupAddOutline,
  WarningOutline,
} from '@ant-design/icons-angular/icons';

/**
 * Icons of the cohort screens that the app shell does not register, bundled statically (the CSP
 * forbids fetching icons at run time). The trainee list provides them itself too, because the
 * dashboard embeds it outside these routes.
 */
export const COHORT_ICONS: IconDefinition[] = [
  CalendarOutline,
  CloseCircleOutline,
  HistoryOutline,
  LeftOutline,
  PaperClipOutline,
  QuestionCircleOutline,
  RedoOutline,
  UsergroupAddOutline,
  WarningOutline,
];
