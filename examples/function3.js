// The end of the nested-call chain: function2 calls it.
// See nested.experiment.json; deploy function2 and function3 first (faas-lab deploy examples/function2.js).
import { labFunction } from './nested-lab.js';

// @faas memory=128 timeout=30 platforms=local,docker,aws
export async function function3(request, context) {
  return labFunction(request, context);
}
