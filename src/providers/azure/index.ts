export { AzureFunctionsProvider, type AzureFunctionsProviderOptions } from './provider';
export { FLEX_MEMORY_MB } from './config';
export { azurePlatform } from './descriptor';
