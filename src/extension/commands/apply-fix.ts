import type { ReadinessFix } from '../../core/model';
import type { CommandBody } from './context';

/** faasLab.applyFix: what a platform that is not set up says to do (a setting, a page, a command). */
export const applyFix: CommandBody<[ReadinessFix]> = async (ctx, _ui, fix) => {
  if (fix.kind === 'setting') await ctx.executeCommand('workbench.action.openSettings', fix.setting);
  else if (fix.kind === 'url') await ctx.openExternal(fix.url);
  else await ctx.executeCommand(fix.command);
};
