/** A loopback host that serves one audio file at every GET path. */
export interface SampleHost {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** The bytes it serves. */
  readonly bytes: Buffer;
  /** Each request's path and Authorization header (which must stay undefined). */
  readonly requests: { path: string | undefined; authorization: string | undefined }[];
  stop(): Promise<void>;
}

/** Serves `filePath` as audio/wav at every GET path on 127.0.0.1. */
export function startSampleHost(filePath: string): Promise<SampleHost>;

/** A proxy to `targetUrl` that rewrites cdn.noiz.ai sample URLs in JSON answers to `sampleBaseUrl`. */
export function startSampleRewritingProxy(
  targetUrl: string,
  sampleBaseUrl: string,
): Promise<{ readonly url: string; stop(): Promise<void> }>;
