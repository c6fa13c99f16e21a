export * from './actor';
export * from './durations';
export * from './view';
export * from './reasons';
export * from './roles';
export * from './guards';
export * from './search-attributes';
