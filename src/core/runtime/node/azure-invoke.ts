// context.invoke inside Azure Functions: the callee's URL and function key from FAASLAB_FUNCTIONS,
// which FaaS Lab's deploys keep listing the other FaaS Lab functions of the resource group
// (`{ "<name>": { "url": ..., "key": ... } }`), the key sent as x-functions-key.
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
        `context.invoke: ${self} knows no Azure function '${name}' in its resource group: deploy ${name} there with FaaS Lab (a deploy gives every FaaS Lab function of the group the new one's URL and key).`,
      );
      err.name = 'FunctionNotFound';
      throw err;
    }
    return { url: callee.url, headers: { 'x-functions-key': callee.key } };
  });
}
