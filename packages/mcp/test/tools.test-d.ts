// The hand-written tool types agree with the schemas generated from the spec: every argument and
// result field a handler knows is one the schema lists, and the other way round.
import { describe, expectTypeOf, it } from "vitest";
import type { generatedTools } from "../src/generated/tools.gen.js";
import type { ToolArguments, ToolName, ToolResults } from "../src/tools.js";

type Generated = typeof generatedTools;
type InputNames<N extends ToolName> = keyof Generated[N]["inputSchema"]["properties"];
type OutputNames<N extends ToolName> = keyof Generated[N]["outputSchema"]["properties"];

describe("tool types and generated schemas", () => {
  it("argument names are the inputSchema's", () => {
    expectTypeOf<{ [N in ToolName]: keyof ToolArguments[N] }>().toEqualTypeOf<{ [N in ToolName]: InputNames<N> }>();
  });

  it("result fields are the outputSchema's", () => {
    expectTypeOf<{ [N in ToolName]: keyof ToolResults[N] }>().toEqualTypeOf<{ [N in ToolName]: OutputNames<N> }>();
  });
});
