/** The API's operations, by the spec's operationId: the method and path template of each. */
import type { operations, paths } from "./generated/voices.gen.js";

/** The methods a path of the spec has, in upper case. */
type MethodsOf<P extends keyof paths> = {
  [M in keyof paths[P]]: paths[P][M] extends operations[keyof operations] ? Uppercase<M & string> : never;
}[keyof paths[P]];

/** Each operationId's method and path, exactly: the typecheck fails when the spec gains, loses or moves one. */
type OperationTable = {
  [K in keyof operations]: { [P in keyof paths]: { method: MethodsOf<P>; path: P } }[keyof paths];
};

/** Every operation of the spec, by operationId. */
export const OPERATIONS = {
  listVoices: { method: "GET", path: "/voices" },
  cloneVoice: { method: "POST", path: "/voices" },
  getVoice: { method: "GET", path: "/voices/{voice_id}" },
  deleteVoice: { method: "DELETE", path: "/voices/{voice_id}" },
} as const satisfies OperationTable;

/** An operationId of the spec. */
export type OperationId = keyof typeof OPERATIONS;

/** The operationId of a method and path template (`GET`, `/voices/{voice_id}`), as `client.raw` sends them. */
export function operationOf(method: string, path: string): OperationId | undefined {
  for (const id in OPERATIONS) {
    const operation = OPERATIONS[id as OperationId];
    if (operation.method === method && operation.path === path) return id as OperationId;
  }
  return undefined;
}
