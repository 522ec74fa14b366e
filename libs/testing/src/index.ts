export * from './processes';
export * from './nats-server';
export * from './postgres-server';
export * from './service-app';
