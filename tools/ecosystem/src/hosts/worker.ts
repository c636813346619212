// workerd's entry (through miniflare): GET /?baseUrl=… runs the scenarios inside the Worker.
import { runScenarios } from "../scenario.js";

export default {
  async fetch(request: Request): Promise<Response> {
    const baseUrl = new URL(request.url).searchParams.get("baseUrl");
    if (!baseUrl) return new Response("baseUrl is required", { status: 400 });
    return Response.json(await runScenarios({ baseUrl }));
  },
};
