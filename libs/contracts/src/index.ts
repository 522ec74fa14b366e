export * from './grades';
export * from './envelope';
export * from './streams';
export * from './roles';
export * from './enrollment';
export * from './transportation';
export * from './rpc';
export * from './geo';
