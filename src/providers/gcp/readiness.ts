// Whether Google Cloud Functions can be used now: credentials, a project, a region, and access
// to the Functions API there. Never throws: a problem is a message and its fixes.
import type { Readiness, ReadinessFix } from '../../core/model';
import type { GcpContext } from './context';
import { locationOf } from './deploy';
import { Status, setupProblem, statusOf, toUserError } from './errors';

export const ADC_DOCS: ReadinessFix = { kind: 'url', url: 'https://cloud.google.com/docs/authentication/provide-credentials-adc', label: 'How to set up Application Default Credentials' };
const PROJECT_FIX: ReadinessFix = { kind: 'setting', setting: 'faasLab.gcp.project', label: 'Set the Google Cloud project' };
const REGION_FIX: ReadinessFix = { kind: 'setting', setting: 'faasLab.gcp.region', label: 'Set the Google Cloud region' };

export async function checkReadiness(ctx: GcpContext): Promise<Readiness> {
  let project: string;
  try {
    project = await ctx.project();
  } catch (err) {
    const setup = setupProblem(err);
    return { ready: false, message: setup ?? (err as Error).message, fixes: setup && /credentials/i.test(setup) ? [ADC_DOCS] : [PROJECT_FIX, ADC_DOCS] };
  }
  if (!ctx.region) {
    return { ready: false, message: 'No Google Cloud region: set faasLab.gcp.region (e.g. us-central1), the region Cloud Functions deploys to', fixes: [REGION_FIX] };
  }
  try {
    await ctx.clients.functions.listFunctions({ parent: await locationOf(ctx), pageSize: 1 }, { autoPaginate: false });
  } catch (err) {
    const setup = setupProblem(err);
    if (setup) return { ready: false, message: setup, fixes: [ADC_DOCS] };
    if (statusOf(err) === Status.PERMISSION_DENIED) {
      return {
        ready: false,
        message: `The Google account in use may not list Cloud Functions in project ${project} (${(err as Error).message}): it needs the Cloud Functions Developer role, or choose another project`,
        fixes: [PROJECT_FIX, ADC_DOCS],
      };
    }
    return { ready: false, message: toUserError(err, 'checking access to Cloud Functions').message, fixes: [PROJECT_FIX, REGION_FIX] };
  }
  return { ready: true, detail: `Google Cloud Functions (2nd gen) in project ${project}, ${ctx.region}` };
}
