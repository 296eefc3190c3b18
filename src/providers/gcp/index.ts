export { GcpFunctionsProvider, type GcpFunctionsProviderOptions } from './provider';
export { MEMORY_TIERS as GCP_MEMORY_TIERS } from './config';
export type { IdTokenSource } from './context';
export { gcpPlatform } from './descriptor';
