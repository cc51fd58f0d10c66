import type { Position, Role } from '@lingyan/contracts';

export const DEMO_PASSWORD = 'Lingyan@2026';

export interface DemoAccount {
  username: string;
  name: string;
  roles: Role[];
  regionCode: string;
  position: Position | null;
  phone: string | null;
}

/** The demo accounts documented in the README. Names are fictional. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'zj-admin', name: '周建华', roles: ['admin'], regionCode: '33', position: null, phone: null },
  { username: 'chunan-admin', name: '方志远', roles: ['admin'], regionCode: '330127', position: null, phone: null },
  { username: 'anji-admin', name: '钱立群', roles: ['admin'], regionCode: '330523', position: null, phone: null },
  { username: 'trainer', name: '陈雅琴', roles: ['trainer'], regionCode: '33', position: null, phone: null },
  { username: 'mentor', name: '李卫东', roles: ['mentor'], regionCode: '330127', position: null, phone: null },
  {
    username: 'trainee',
    name: '姜海峰',
    roles: ['trainee'],
    regionCode: '330127111264',
    position: 'secretary',
    phone: '13800000001',
  },
  {
    username: 'trainee2',
    name: '宋春燕',
    roles: ['trainee'],
    regionCode: '330523201202',
    position: 'secretary',
    phone: '13800000002',
  },
];
