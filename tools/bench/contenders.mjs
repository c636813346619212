// Who runs in the loopback GET /voices comparison. Each contender is built once per server URL and
// returns a function that fetches GET /voices with a query (or none) and resolves with the page's
// `data`. To add a row, push an entry to `contenders` (from this file, or from a module that
// worker.mjs imports, as it does node-client.mjs): { name, make(url) => (query) => Promise<{ total_count, voices }> }.
import { createVoicesClient } from "@noiz-voices/client";
import axios from "axios";
import ky from "ky";
import createClient from "openapi-fetch";

export const KEY = "bench-key";
export const CLIENT = "@noiz-voices/client";
export const BARE = "openapi-fetch (bare)";
export const TIMED = "raw fetch + timeout";

const headers = { Authorization: KEY, Accept: "application/json" };
/** The query string as openapi-fetch and the client send it. */
const search = (query) => (query ? `?${new URLSearchParams(query)}` : "");

export const contenders = [
  {
    name: "raw fetch",
    make: (url) => async (query) => (await (await fetch(`${url}/voices${search(query)}`, { headers })).json()).data,
  },
  {
    // The least any fetch client with a per-request time limit does: a signal of its own that fetch
    // follows, and a timer. The gap between this row and raw fetch is that floor's cost.
    name: TIMED,
    make: (url) => async (query) => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 60_000);
      try {
        return (await (await fetch(`${url}/voices${search(query)}`, { headers, signal: controller.signal })).json())
          .data;
      } finally {
        clearTimeout(timer);
      }
    },
  },
  {
    name: BARE,
    make: (url) => {
      const bare = createClient({ baseUrl: url, headers });
      return async (query) => (await bare.GET("/voices", query && { params: { query } })).data.data;
    },
  },
  {
    name: CLIENT,
    make: (url) => {
      const client = createVoicesClient({ apiKey: KEY, baseUrl: url });
      return (query) => client.voices.list(query);
    },
  },
  {
    name: "axios",
    make: (url) => {
      const client = axios.create({ baseURL: url, headers });
      return async (query) => (await client.get("/voices", { params: query })).data.data;
    },
  },
  {
    name: "ky",
    make: (url) => {
      const client = ky.create({ prefixUrl: url, headers });
      return async (query) => (await client.get("voices", { searchParams: query }).json()).data;
    },
  },
];
