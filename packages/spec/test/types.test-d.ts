// The default export types as an OpenAPI 3.1 document (checked by `pnpm typecheck`).
import type { OpenAPIV3_1 } from "openapi-types";
import { expectTypeOf } from "vitest";
import spec, { spec as named } from "../src/index.js";

expectTypeOf(spec).toEqualTypeOf<OpenAPIV3_1.Document>();
expectTypeOf(named).toEqualTypeOf<OpenAPIV3_1.Document>();
expectTypeOf(spec.paths).toEqualTypeOf<OpenAPIV3_1.PathsObject | undefined>();
