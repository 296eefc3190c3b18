export { AwsLambdaProvider, type AwsLambdaProviderOptions } from './provider';
export { DEFAULT_MAX_SOCKETS } from './client';
export type { Architecture } from './context';
export { parseReportLine, type ReportLine } from './report-line';
export { ROLE_NAME, ROLE_SUMMARY } from './role';
export { DEFAULT_TIMING, type AwsTiming } from './waiters';
export { awsPlatform } from './descriptor';
