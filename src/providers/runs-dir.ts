import * as path from 'node:path';

/** Where a workspace's experiment runs are recorded (a module of its own: activation needs no platform for it). */
export function runsDirOf(root: string): string {
  return path.join(root, '.faaslab', 'runs');
}
