// Every Node and Python function in the region, FaaS Lab's first (by their tag), then the others;
// container-image functions when FaaS Lab built them (their tags name the runtime).
import { ListFunctionsCommand, ListTagsCommand, type FunctionConfiguration, type LambdaClient } from '@aws-sdk/client-lambda';
import type { Deployment } from '../../core/model';
import { languageOf, toDeployment } from './tags';

/** ListFunctions does not return tags: one ListTags per function, this many at a time. */
const TAG_LOOKUPS_IN_FLIGHT = 8;

export async function listFunctions(lambda: LambdaClient, signal?: AbortSignal): Promise<Deployment[]> {
  const configs: FunctionConfiguration[] = [];
  let marker: string | undefined;
  do {
    const page = await lambda.send(new ListFunctionsCommand({ Marker: marker, MaxItems: 50 }), { abortSignal: signal });
    configs.push(...(page.Functions ?? []).filter((f) => languageOf(f.Runtime) !== undefined || f.PackageType === 'Image'));
    marker = page.NextMarker;
  } while (marker);

  const deployments: (Deployment | undefined)[] = new Array(configs.length);
  let next = 0;
  const worker = async () => {
    while (next < configs.length) {
      const i = next++;
      const tags = await lambda.send(new ListTagsCommand({ Resource: configs[i].FunctionArn }), { abortSignal: signal });
      deployments[i] = toDeployment(configs[i], tags.Tags);
    }
  };
  await Promise.all(Array.from({ length: Math.min(TAG_LOOKUPS_IN_FLIGHT, configs.length) }, worker));
  return deployments.filter((d): d is Deployment => d !== undefined).sort((a, b) => Number(b.managed) - Number(a.managed) || a.name.localeCompare(b.name));
}
