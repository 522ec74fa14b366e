// The OneRoster import's pure layer: check the bundle, stream its files into records, plan the upserts.
export * from './bundle-files';
export * from './csv-source';
export * from './header-mapping';
export * from './import-plan';
export * from './oneroster-values';
export * from './records';
