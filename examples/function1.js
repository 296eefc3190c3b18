// The top of the nested-call chain: the experiment calls it, it calls function2 (as its payload says).
// See nested.experiment.json; deploy function2 and function3 first (faas-lab deploy examples/function2.js).
import { labFunction } from './nested-lab.js';

// @faas memory=128 timeout=30 platforms=local,docker,aws
export async function function1(request, context) {
  return labFunction(request, context);
}
