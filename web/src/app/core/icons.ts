import {
  ApartmentOutline,
  CheckCircleOutline,
  DashboardOutline,
  EnvironmentOutline,
  GlobalOutline,
  IdcardOutline,
  LockOutline,
  LogoutOutline,
  MenuFoldOutline,
  MenuOutline,
  MenuUnfoldOutline,
  PhoneOutline,
  PlusOutline,
  ReadOutline,
  ReloadOutline,
  SolutionOutline,
  StopOutline,
  SwapOutline,
  TeamOutline,
  UserAddOutline,
  UserOutline,
  WarningFill,
} from '@ant-design/icons-angular/icons';
import type { IconDefinition } from '@ant-design/icons-angular';

/**
 * Every icon the app uses beyond those ng-zorro registers itself (NZ_ICONS_USED_BY_ZORRO). They are
 * bundled statically: there is no network, and the CSP forbids fetching icons at run time.
 */
export const APP_ICONS: IconDefinition[] = [
  ApartmentOutline,
  CheckCircleOutline,
  DashboardOutline,
  EnvironmentOutline,
  GlobalOutline,
  IdcardOutline,
  LockOutline,
  LogoutOutline,
  MenuFoldOutline,
  MenuOutline,
  MenuUnfoldOutline,
  PhoneOutline,
  PlusOutline,
  ReadOutline,
  ReloadOutline,
  SolutionOutline,
  StopOutline,
  SwapOutline,
  TeamOutline,
  UserAddOutline,
  UserOutline,
  WarningFill,
];
