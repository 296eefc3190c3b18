export { DockerProvider, type DockerProviderOptions } from './provider';
export { DEFAULT_NODE_IMAGE, DEFAULT_PYTHON_IMAGE } from './image';
export { dockerPlatform } from './descriptor';
