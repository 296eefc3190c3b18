export { LocalProvider, DEFAULT_KEEP_ALIVE_MS, DEFAULT_MAX_CONCURRENCY, type LocalProviderOptions } from './provider';
export type { LocalLogEntry } from './provider';
export { localPlatform } from './descriptor';
