export * from './i18n.service';
export * from './t.pipe';
export * from './translation-key';
