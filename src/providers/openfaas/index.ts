export { OpenFaasProvider, type OpenFaasProviderOptions } from './provider';
export { openfaasPlatform } from './descriptor';
