import { UserError } from './model';

/**
 * The user's input is wrong (a missing or malformed file, an unknown function, a bad
 * annotation): fixing the command or the file helps, unlike a platform refusing the operation.
 * The CLI exits 2 on it, as on a bad argument.
 */
export class BadInputError extends UserError {}
