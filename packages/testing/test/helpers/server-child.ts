// A fake server in a process of its own, so a test can read its memory: prints its URL as JSON, then
// answers "rss" with its resident set size and "close" by closing the server.
import { startFakeServer } from "../../src/server.js";

const server = await startFakeServer();
process.send?.({ url: server.url });
process.on("message", async (message) => {
  if (message === "rss") process.send?.({ rss: process.memoryUsage().rss });
  if (message === "close") {
    await server.close();
    process.send?.({ closed: true });
    process.disconnect();
  }
});
