export { DockerProvider, DEFAULT_KEEP_ALIVE_MS, DEFAULT_MAX_CONCURRENCY, type DockerProviderOptions, type DockerLogEntry } from './provider';
export { DEFAULT_NODE_IMAGE, DEFAULT_PYTHON_IMAGE } from './image';
export { dockerPlatform } from './descriptor';
