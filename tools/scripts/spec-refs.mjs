// The spec's local `$ref`s, followed: shared by the generators that read the spec as JSON Schema
// (the fake's validators in packages/testing, the MCP server's tool schemas in packages/mcp).

/** A function that follows a local `$ref` (`#/components/...`) of `spec` to what it names. */
export function derefIn(spec) {
  return function deref(node) {
    let current = node;
    for (let depth = 0; current && typeof current.$ref === "string"; depth++) {
      if (depth > 10 || !current.$ref.startsWith("#/")) throw new Error(`generate: cannot follow $ref ${current.$ref}`);
      current = current.$ref
        .slice(2)
        .split("/")
        .reduce((at, key) => at?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
      if (current === undefined) throw new Error(`generate: dangling $ref ${node.$ref}`);
    }
    return current;
  };
}
