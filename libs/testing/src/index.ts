export * from './processes';
export * from './nats-server';
export * from './postgres-server';
export * from './test-database';
export * from './service-app';
export * from './app-process';
export * from './openapi';
