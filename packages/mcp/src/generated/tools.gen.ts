/**
 * Generated, do not edit.
 * Source: spec/voices.openapi.yaml (packages/mcp/scripts/generate.mjs).
 * Change the spec, then run `pnpm generate`.
 */

/** A JSON Schema of an object, as MCP's `inputSchema` and `outputSchema` are. */
export interface ObjectSchema {
  [keyword: string]: unknown;
  type: "object";
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
}

/** What the spec says about one tool. */
export interface GeneratedTool {
  /** The operation it calls (`download_voice_sample` reads the voice first, then its sample). */
  operationId: "listVoices" | "getVoice" | "cloneVoice" | "deleteVoice";
  /** The operation's description in the spec (the `sample` field's, for the download). */
  specDescription: string;
  /** The arguments: the operation's parameters or form fields, by their wire names. */
  inputSchema: ObjectSchema;
  /** The result: the `data` of the operation's success envelope. */
  outputSchema: ObjectSchema;
}

/** Every tool's schemas, by tool name. */
export const generatedTools = {
  "list_voices": {
    "operationId": "listVoices",
    "specDescription": "Lists voices, one page at a time. Supports pagination and filtering by voice type. `skip` is a page number (starting at 0), not an offset: page `n` holds items `n * limit` to `(n + 1) * limit - 1`.",
    "inputSchema": {
      "type": "object",
      "properties": {
        "voice_type": {
          "type": "string",
          "description": "Voice type filter. `custom` for user-created voices (the default), `built-in` for system voices.",
          "enum": [
            "custom",
            "built-in"
          ],
          "default": "custom"
        },
        "keyword": {
          "type": "string",
          "description": "Search keyword; matches the voice's name, description and labels."
        },
        "skip": {
          "type": "integer",
          "minimum": 0,
          "default": 0,
          "description": "The page number, starting at 0. Not an offset."
        },
        "limit": {
          "type": "integer",
          "minimum": 1,
          "default": 10,
          "description": "The page size; the maximum number of voices in one page."
        }
      },
      "additionalProperties": false
    },
    "outputSchema": {
      "type": "object",
      "required": [
        "total_count",
        "voices"
      ],
      "properties": {
        "total_count": {
          "type": "integer",
          "minimum": 0,
          "description": "Number of voices across all pages."
        },
        "voices": {
          "type": "array",
          "description": "The voices of this page.",
          "items": {
            "type": "object",
            "description": "A voice. The service's examples always carry every field.",
            "required": [
              "voice_id",
              "display_name",
              "voice_type"
            ],
            "properties": {
              "id": {
                "type": "integer",
                "description": "Internal numeric id."
              },
              "voice_id": {
                "type": "string",
                "description": "The id every other operation takes."
              },
              "display_name": {
                "type": "string",
                "description": "The voice's display name."
              },
              "voice_type": {
                "type": "string",
                "description": "`custom` for a voice cloned by the account, `built-in` for a system voice.",
                "enum": [
                  "custom",
                  "built-in"
                ],
                "default": "custom"
              },
              "labels": {
                "type": "string",
                "description": "Free-text labels."
              },
              "sample": {
                "type": "string",
                "description": "Sample audio of the voice (a URL in practice)."
              },
              "meta": {
                "type": "object",
                "description": "Metadata of the sample.",
                "properties": {
                  "text": {
                    "type": "string",
                    "description": "Transcript of the sample."
                  }
                }
              },
              "url": {
                "type": "string",
                "description": "URL of the voice's reference audio."
              },
              "create_time": {
                "type": "integer",
                "description": "Creation time, Unix seconds."
              }
            }
          }
        }
      }
    }
  },
  "get_voice": {
    "operationId": "getVoice",
    "specDescription": "Returns one voice, custom or built-in, by its `voice_id`.",
    "inputSchema": {
      "type": "object",
      "properties": {
        "voice_id": {
          "type": "string",
          "minLength": 1,
          "description": "The ID of the voice (`voice_id` in a `Voice`)."
        }
      },
      "required": [
        "voice_id"
      ],
      "additionalProperties": false
    },
    "outputSchema": {
      "type": "object",
      "required": [
        "voice_id",
        "display_name",
        "voice_type"
      ],
      "properties": {
        "id": {
          "type": "integer",
          "description": "Internal numeric id."
        },
        "voice_id": {
          "type": "string",
          "description": "The id every other operation takes."
        },
        "display_name": {
          "type": "string",
          "description": "The voice's display name."
        },
        "voice_type": {
          "type": "string",
          "description": "`custom` for a voice cloned by the account, `built-in` for a system voice.",
          "enum": [
            "custom",
            "built-in"
          ],
          "default": "custom"
        },
        "labels": {
          "type": "string",
          "description": "Free-text labels."
        },
        "sample": {
          "type": "string",
          "description": "Sample audio of the voice (a URL in practice)."
        },
        "meta": {
          "type": "object",
          "description": "Metadata of the sample.",
          "properties": {
            "text": {
              "type": "string",
              "description": "Transcript of the sample."
            }
          }
        },
        "url": {
          "type": "string",
          "description": "URL of the voice's reference audio."
        },
        "create_time": {
          "type": "integer",
          "description": "Creation time, Unix seconds."
        }
      }
    }
  },
  "clone_voice": {
    "operationId": "cloneVoice",
    "specDescription": "Clones a voice from an uploaded audio file or from the URL of one. Provide `file` (an upload) or `voice_url` (a remote URL); at least one is required. Only WAV, MP3 and M4A audio is supported. Not idempotent: the service takes no idempotency key, so sending the same request twice may create two voices.",
    "inputSchema": {
      "type": "object",
      "properties": {
        "file_path": {
          "type": "string",
          "minLength": 1,
          "description": "Audio file to upload (WAV, MP3 or M4A). An absolute path on the machine the server runs on, inside a folder it may read (--allow-dir or the client's roots); sent as the `file` part."
        },
        "voice_url": {
          "type": "string",
          "format": "uri",
          "description": "URL of a remote audio file (WAV, MP3 or M4A)."
        },
        "display_name": {
          "type": "string",
          "description": "Display name for the cloned voice."
        },
        "denoise": {
          "type": "boolean",
          "description": "Whether to apply noise reduction to the audio."
        },
        "language": {
          "type": "string",
          "description": "Language of the audio, such as `en` or `zh`."
        }
      },
      "additionalProperties": false
    },
    "outputSchema": {
      "type": "object",
      "required": [
        "voice_id"
      ],
      "properties": {
        "voice_id": {
          "type": "string",
          "description": "The new voice's id."
        },
        "voice_display_name": {
          "type": "string",
          "description": "The new voice's display name."
        },
        "duration": {
          "type": "number",
          "description": "Duration of the source audio, in seconds."
        },
        "selected_text": {
          "type": "string",
          "description": "Transcript of the segment selected for cloning."
        },
        "selected_start": {
          "type": "number",
          "description": "Start of the selected segment, in seconds."
        },
        "selected_end": {
          "type": "number",
          "description": "End of the selected segment, in seconds."
        },
        "text": {
          "type": "string",
          "description": "Transcript of the source audio."
        },
        "language": {
          "type": "string",
          "description": "Language of the audio, such as `en` or `zh`."
        }
      }
    }
  },
  "delete_voice": {
    "operationId": "deleteVoice",
    "specDescription": "Soft-deletes a voice by setting its `delete_time`. The audio is not physically removed from storage.",
    "inputSchema": {
      "type": "object",
      "properties": {
        "voice_id": {
          "type": "string",
          "minLength": 1,
          "description": "The ID of the voice (`voice_id` in a `Voice`)."
        }
      },
      "required": [
        "voice_id"
      ],
      "additionalProperties": false
    },
    "outputSchema": {
      "type": "object",
      "required": [
        "voice_id",
        "delete_time"
      ],
      "properties": {
        "voice_id": {
          "type": "string",
          "description": "The deleted voice's id."
        },
        "display_name": {
          "type": "string",
          "description": "The deleted voice's display name."
        },
        "delete_time": {
          "type": "integer",
          "description": "Deletion time, Unix seconds."
        }
      }
    }
  },
  "download_voice_sample": {
    "operationId": "getVoice",
    "specDescription": "Sample audio of the voice (a URL in practice).",
    "inputSchema": {
      "type": "object",
      "properties": {
        "voice_id": {
          "type": "string",
          "minLength": 1,
          "description": "The ID of the voice (`voice_id` in a `Voice`)."
        },
        "dest_path": {
          "type": "string",
          "minLength": 1,
          "description": "Where to save the sample: an absolute file path inside a folder the server may write (--allow-dir or the client's roots). Its folder must exist; the file is written whole or not at all."
        }
      },
      "required": [
        "voice_id",
        "dest_path"
      ],
      "additionalProperties": false
    },
    "outputSchema": {
      "type": "object",
      "properties": {
        "voice_id": {
          "type": "string",
          "description": "The id every other operation takes."
        },
        "path": {
          "type": "string",
          "description": "The absolute path of the saved file."
        },
        "bytes": {
          "type": "integer",
          "minimum": 0,
          "description": "Its size in bytes."
        },
        "content_type": {
          "type": [
            "string",
            "null"
          ],
          "description": "The Content-Type the sample's host sent, if any."
        }
      },
      "required": [
        "voice_id",
        "path",
        "bytes",
        "content_type"
      ]
    }
  }
} satisfies Record<string, GeneratedTool>;
