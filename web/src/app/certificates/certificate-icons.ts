import type { IconDefinition } from '@ant-design/icons-angular';
import {
  ArrowLeftOutline,
  CheckCircleFill,
  CloseCircleFill,
  FilePdfOutline,
  LeftOutline,
  QuestionCircleFill,
  SafetyCertificateOutline,
  SearchOutline,
} from '@ant-design/icons-angular/icons';

/**
 * Icons of the certificate pages beyond the app's own, bundled statically (the CSP forbids fetching
 * icons at run time). Each page provides them itself: they live under three different route trees.
 */
export const CERTIFICATE_ICONS: IconDefinition[] = [
  ArrowLeftOutline,
  CheckCircleFill,
  CloseCircleFill,
  FilePdfOutline,
  LeftOutline,
  QuestionCircleFill,
  SafetyCertificateOutline,
  SearchOutline,
];
