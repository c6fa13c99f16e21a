export * from './actor';
export * from './durations';
export * from './process';
export * from './reasons';
export * from './roles';
export * from './rules';
export * from './search-attributes';
