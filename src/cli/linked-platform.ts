// Without --platform, a name linked in the workspace (faas-lab link) is found on its link's platform.
import type { PlatformId } from '../core/model';
import { LinkStore, linksFileOf } from '../providers/shared/links';
import { platformOption } from './args';

export function platformFor(root: string, platform: string | undefined, name: string): PlatformId {
  if (platform !== undefined) return platformOption(platform);
  const links = new LinkStore(linksFileOf(root)).all().filter((l) => l.name === name);
  return links.length === 1 ? links[0].platform : platformOption(undefined);
}
