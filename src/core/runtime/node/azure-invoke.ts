// context.invoke inside Azure Functions: the callee's URL and function key from FAASLAB_FUNCTIONS,
// which FaaS Lab sets at deploy to the FaaS Lab functions of the resource group deployed before
// this one (`{ "<name>": { "url": ..., "key": ... } }`), sent as x-functions-key.
import { httpSender } from './http-invoke';
import type { SendNested } from './nested';

export function azureSender(env: NodeJS.ProcessEnv = process.env): SendNested {
  return httpSender('Azure Functions', async (name) => {
    let known: Record<string, { url?: unknown; key?: unknown } | undefined> = {};
    try {
      known = JSON.parse(env.FAASLAB_FUNCTIONS || '{}') as typeof known;
    } catch {
      // Not FaaS Lab's JSON: as if no function were known.
    }
    const callee = Object.hasOwn(known, name) ? known[name] : undefined;
    if (typeof callee?.url !== 'string' || typeof callee.key !== 'string') {
      const self = env.FAASLAB_FUNCTION_NAME || 'this function';
      const err = new Error(
        `context.invoke: ${self} knows no Azure function '${name}': FaaS Lab gives a function the URLs and keys of the functions deployed before it. Deploy ${name}, then deploy ${self} again.`,
      );
      err.name = 'FunctionNotFound';
      throw err;
    }
    return { url: callee.url, headers: { 'x-functions-key': callee.key } };
  });
}
