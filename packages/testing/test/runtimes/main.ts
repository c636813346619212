// The runtimes' entry: runs the scenario and prints one line, `RESULT {json}` or `ERROR message`.
import { scenario } from "./scenario.js";

const out = (line: string) => {
  console.log(line);
  (globalThis as { __result?: string }).__result = line;
};
try {
  out(`RESULT ${JSON.stringify(await scenario())}`);
} catch (error) {
  out(`ERROR ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
}
