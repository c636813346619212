// The GET /voices workloads of the loopback comparison. The server (server.mjs) answers each by its
// query: `keyword` selects the realistic page. A workload lists the contenders it runs; `undefined`
// runs every contender of contenders.mjs.

/** Query of the realistic page: every filter the spec knows, as an app's search box sends them. */
export const REALISTIC_QUERY = { voice_type: "custom", keyword: "warm", skip: 0, limit: 10 };

export const workloads = [
  {
    id: "realistic",
    title: "GET /voices, a realistic page (10 voices, about 2.6 KB, 4 query parameters)",
    query: REALISTIC_QUERY,
    voices: 10,
    /** The targets of issue 10 are measured here; axios and ky are left to the small page. */
    contenders: undefined,
    skip: ["axios", "ky"],
  },
  {
    id: "small",
    title: "GET /voices, a two-voice page (about 800 bytes, no query)",
    query: undefined,
    voices: 2,
    contenders: undefined,
    skip: ["raw fetch + timeout"],
  },
];
