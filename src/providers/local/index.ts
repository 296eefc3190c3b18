export { LocalProvider, type LocalProviderOptions } from './provider';
export { localPlatform } from './descriptor';
