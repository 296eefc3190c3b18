import type { Command } from '../context';

/* eslint-disable @typescript-eslint/no-require-imports */
// Each command's module (and the engine parts it needs) is required when the command runs, so
// `faas-lab help` or a mistyped command starts as fast as bare node.
export const COMMANDS: Record<string, Command> = {
  deploy: (ctx, argv) => (require('./deploy') as typeof import('./deploy')).deployCommand(ctx, argv),
  invoke: (ctx, argv) => (require('./invoke') as typeof import('./invoke')).invokeCommand(ctx, argv),
  list: (ctx, argv) => (require('./list') as typeof import('./list')).listCommand(ctx, argv),
  link: (ctx, argv) => (require('./link') as typeof import('./link')).linkCommand(ctx, argv),
  unlink: (ctx, argv) => (require('./unlink') as typeof import('./unlink')).unlinkCommand(ctx, argv),
  logs: (ctx, argv) => (require('./logs') as typeof import('./logs')).logsCommand(ctx, argv),
  remove: (ctx, argv) => (require('./remove') as typeof import('./remove')).removeCommand(ctx, argv),
  run: (ctx, argv) => (require('./run') as typeof import('./run')).runCommand(ctx, argv),
  runs: (ctx, argv) => (require('./runs') as typeof import('./runs')).runsCommand(ctx, argv),
  report: (ctx, argv) => (require('./report') as typeof import('./report')).reportCommand(ctx, argv),
  export: (ctx, argv) => (require('./export') as typeof import('./export')).exportCommand(ctx, argv),
  compare: (ctx, argv) => (require('./compare') as typeof import('./compare')).compareCommand(ctx, argv),
  apply: (ctx, argv) => (require('./apply') as typeof import('./apply')).applyCommand(ctx, argv),
  serve: (ctx, argv) => (require('./serve') as typeof import('./serve')).serveCommand(ctx, argv),
};
/* eslint-enable @typescript-eslint/no-require-imports */

export const HELP = `faas-lab — deploy, invoke and benchmark serverless functions

usage: faas-lab <command> [options]

  deploy <file>[:handler]      package an annotated handler and deploy it if its code changed
  invoke <fn | file[:handler]> call a function (a file is deployed first if it changed)
         --payload '<json>' | --payload @payload.json
  invoke [<name>] --url <url>  call any HTTP endpoint once [--method GET] [--header 'Name: value']...
         [--body-template '{"name": "{{payload.name}}"}']   (default: POST the payload as JSON)
  link <name> --url <url>      add an existing HTTP endpoint as a function (same --method/--header/--body-template)
  link <name> --platform aws --arn <arn>   add an existing Lambda function FaaS Lab did not create
  unlink <name>                forget a link (the endpoint or function itself is left as it is)
  list                         functions deployed on each platform (linked ones with managed: false)
  logs <fn> [--limit N]        recent log lines of a function
  remove <fn> [--yes]          delete a function from a platform (one FaaS Lab did not create only when confirmed)
  run <file.experiment.json>   run an experiment (deploys its source first), record and summarise it
         [--resume <run>]      finish a cancelled or killed run without repeating recorded calls
         [--yes]               let memorySettings/coldStart change a function FaaS Lab did not create
         -e <exp.json> -f <function.json> [--runs 10 --memorySettings "[256]" ...] [-o <folder>]
                               FaaS Runner's own files, overrides and output folder
  runs                         recorded runs, newest first
  report [<run> | latest]      statistics of a run [--group-by memoryMB,platform,payloadIndex,cold,function]
  export [<run> | latest] --csv [--out file.csv]   one row per call, FaaSET / SAAF column names
         --format faas-runner [--out <folder>]     FaaS Runner's report files (its report keys)
  compare <runA> <runB>        per group, metric A → B with 95% intervals [--fail-if p95+10%]... (exit 1 on a regression)
  apply [<run> | latest]       set the function's memory to the run's recommended size [--yes] [--platform id]
  serve [--idle-seconds N]     run the workspace's local host in the foreground, with its log
                               (started on its own otherwise; faasLab.local.host: off runs in-process)

options for every command:
  --platform, -p <id>   local (default), docker, aws, gcp, azure, openfaas, http
  --json                machine-readable output
  --root <dir>          workspace root holding .faaslab/ (default: current folder)

exit codes: 0 ok · 1 the function failed · 2 bad arguments or input · 3 platform error · 130 cancelled`;
