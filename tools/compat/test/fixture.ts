// A small spec in the shape of the Voices API (components behind $refs, an envelope-free body),
// for the rule table. Each case changes a copy of it.

// biome-ignore lint/suspicious/noExplicitAny: the cases edit a spec document freely, at any depth
export type Spec = Record<string, any>;

const voiceResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Voice" } } },
});

export function baseSpec(): Spec {
  return {
    openapi: "3.1.0",
    info: { title: "Voices", version: "1.0.0", description: "The API." },
    paths: {
      "/voices": {
        get: {
          operationId: "listVoices",
          summary: "List voices",
          tags: ["Voices"],
          parameters: [
            {
              name: "voice_type",
              in: "query",
              description: "Filter.",
              schema: { $ref: "#/components/schemas/VoiceType" },
            },
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100, default: 10 } },
            { name: "keyword", in: "query", schema: { type: "string", maxLength: 64 } },
          ],
          responses: {
            "200": {
              description: "A page.",
              content: {
                "application/json": {
                  schema: { $ref: "#/components/schemas/VoiceList" },
                  example: { voices: [], total_count: 0 },
                },
              },
            },
            "400": { description: "Bad parameters." },
          },
        },
        post: {
          operationId: "cloneVoice",
          requestBody: {
            required: true,
            content: { "multipart/form-data": { schema: { $ref: "#/components/schemas/CloneRequest" } } },
          },
          responses: { "200": voiceResponse("The clone.") },
        },
      },
      "/voices/{voice_id}": {
        parameters: [{ name: "voice_id", in: "path", required: true, schema: { type: "string" } }],
        get: {
          operationId: "getVoice",
          responses: { "200": voiceResponse("The voice."), "404": { description: "Not found." } },
        },
        delete: { operationId: "deleteVoice", responses: { "200": { description: "Deleted." } } },
      },
    },
    components: {
      schemas: {
        VoiceType: { type: "string", enum: ["custom", "built-in"], default: "custom" },
        Voice: {
          type: "object",
          required: ["voice_id", "voice_type"],
          properties: {
            voice_id: { type: "string" },
            voice_type: { $ref: "#/components/schemas/VoiceType" },
            labels: { type: "string" },
            create_time: { type: "integer" },
          },
        },
        VoiceList: {
          type: "object",
          required: ["voices"],
          properties: {
            voices: { type: "array", items: { $ref: "#/components/schemas/Voice" } },
            total_count: { type: "integer" },
          },
        },
        CloneRequest: {
          type: "object",
          required: ["file"],
          properties: {
            file: { type: "string", format: "binary" },
            display_name: { type: "string", maxLength: 100 },
            denoise: { type: "boolean", default: false },
            language: { type: "string", enum: ["en", "zh"] },
          },
        },
        Unused: { type: "string" },
      },
    },
  };
}
