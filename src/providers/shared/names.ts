// Function names become folder and container names: no separators, no `..`.
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export function isValidFunctionName(name: string): boolean {
  return NAME.test(name) && !name.includes('..');
}
