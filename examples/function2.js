// The middle of the nested-call chain: function1 calls it, it calls function3.
// See nested.experiment.json; deploy function2 and function3 first (faas-lab deploy examples/function2.js).
import { labFunction } from './nested-lab.js';

// @faas memory=128 timeout=30 platforms=local,docker,aws
export async function function2(request, context) {
  return labFunction(request, context);
}
