import type { zhDashboard } from './dashboard.zh';

export const enDashboard: { readonly [K in keyof typeof zhDashboard]: string } = {};
