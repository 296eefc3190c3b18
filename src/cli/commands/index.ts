import type { Command } from '../context';
import { deployCommand } from './deploy';
import { invokeCommand } from './invoke';
import { listCommand } from './list';
import { logsCommand } from './logs';
import { removeCommand } from './remove';
import { reportCommand } from './report';
import { runCommand } from './run';
import { runsCommand } from './runs';
import { serveCommand } from './serve';
import { exportCommand } from './export';

export const COMMANDS: Record<string, Command> = {
  deploy: deployCommand,
  invoke: invokeCommand,
  list: listCommand,
  logs: logsCommand,
  remove: removeCommand,
  run: runCommand,
  runs: runsCommand,
  report: reportCommand,
  export: exportCommand,
  serve: serveCommand,
};

export const HELP = `faas-lab — deploy, invoke and benchmark serverless functions

usage: faas-lab <command> [options]

  deploy <file>[:handler]      package an annotated handler and deploy it if its code changed
  invoke <fn | file[:handler]> call a function (a file is deployed first if it changed)
         --payload '<json>' | --payload @payload.json
  list                         functions deployed on each platform
  logs <fn> [--limit N]        recent log lines of a function
  remove <fn>                  delete a function from a platform
  run <file.experiment.json>   run an experiment (deploys its source first), record and summarise it
         [--resume <run>]      finish a cancelled or killed run without repeating recorded calls
         -e <exp.json> -f <function.json> [--runs 10 --memorySettings "[256]" ...] [-o <folder>]
                               FaaS Runner's own files, overrides and output folder
  runs                         recorded runs, newest first
  report [<run> | latest]      statistics of a run [--group-by memoryMB,platform,payloadIndex,cold,function]
  export [<run> | latest] --csv [--out file.csv]   one row per call, FaaSET / SAAF column names
         --format faas-runner [--out <folder>]     FaaS Runner's report files (its report keys)
  serve [--idle-seconds N]     run the workspace's local host in the foreground, with its log
                               (started on its own otherwise; faasLab.local.host: off runs in-process)

options for every command:
  --platform, -p <id>   local (default), docker, aws, gcp, azure, http
  --json                machine-readable output
  --root <dir>          workspace root holding .faaslab/ (default: current folder)

exit codes: 0 ok · 1 the function failed · 2 bad arguments or input · 3 platform error · 130 cancelled`;
