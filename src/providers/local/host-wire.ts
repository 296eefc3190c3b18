// What travels between the local host and its clients: FaaS Lab's API operations as JSON, an
// artifact's bytes as base64, and errors with their kind kept (a UserError stays one, bad input stays bad input).
import { BadInputError } from '../../core/bad-input';
import { UserError, type Artifact } from '../../core/model';
import { abortError } from '../shared/calls';

/** The operations of FaaS Lab's own API: POST /faaslab/v1/<op> with a JSON body. */
export const HOST_OPERATIONS = ['readiness', 'deploy', 'configure', 'invoke', 'list', 'get', 'remove', 'recycle', 'logs', 'ping'] as const;
export type HostOperation = (typeof HOST_OPERATIONS)[number];

export const API_PREFIX = '/faaslab/v1/';
export const TOKEN_HEADER = 'x-faaslab-token';

export type WireArtifact = Omit<Artifact, 'files'> & { files: { path: string; data: string; mode?: number }[] };

export function artifactToWire(artifact: Artifact): WireArtifact {
  return { ...artifact, files: artifact.files.map((f) => ({ path: f.path, data: Buffer.from(f.data).toString('base64'), mode: f.mode })) };
}

export function artifactFromWire(wire: WireArtifact): Artifact {
  return { ...wire, files: wire.files.map((f) => ({ path: f.path, data: Buffer.from(f.data, 'base64'), mode: f.mode })) };
}

export interface WireError {
  /** `bad-input`: the caller's input is wrong (the CLI exits 2); `user`: the user can fix it otherwise (3). */
  kind: 'bad-input' | 'user' | 'abort' | 'other';
  message: string;
}

export function errorToWire(err: unknown): WireError {
  const e = err as Error;
  if (err instanceof BadInputError) return { kind: 'bad-input', message: e.message };
  if (err instanceof UserError) return { kind: 'user', message: e.message };
  if (e?.name === 'AbortError') return { kind: 'abort', message: e.message };
  return { kind: 'other', message: e?.message ?? String(err) };
}

export function errorFromWire(wire: WireError, signal?: AbortSignal): Error {
  if (wire.kind === 'bad-input') return new BadInputError(wire.message);
  if (wire.kind === 'user') return new UserError(wire.message);
  if (wire.kind === 'abort') return abortError(signal);
  return new Error(`The local host failed: ${wire.message}`);
}
