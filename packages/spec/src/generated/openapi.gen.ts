/**
 * Generated, do not edit.
 * Source: spec/voices.openapi.yaml (bundled by @redocly/openapi-core).
 * Change the spec, then run `pnpm generate`.
 */
import type { OpenAPIV3_1 } from "openapi-types";

/** The Voices API's OpenAPI document, bundled (its `#/components` $refs kept). */
export const document = {
  "openapi": "3.1.0",
  "info": {
    "title": "NOIZ Voices API",
    "version": "1.0.0",
    "summary": "List, clone, inspect and delete the voices of a NOIZ account.",
    "description": "The Voices API of the NOIZ voice-cloning service.\n\nEvery JSON body, success or failure, is wrapped in the same envelope:\n`{ \"code\": integer, \"message\": string, \"data\": ... }`. `code` 0 means success;\nany other value is a failure whose `message` says what went wrong.\n\nEach API key has a monthly quota. Past it, every operation answers HTTP `429`.\n\nNot documented by the service, and therefore not described here:\nrequest-id headers and rate-limit headers (a client should read `Retry-After`\nwhen it is present), and the shape of `data` in error bodies (assumed absent or\n`null`).\n\nRequest ids: the service documents no request-id header. Gateways and CDNs in\nfront of it often add one; a client may read the first present of\n`x-request-id`, `request-id`, `x-amzn-requestid` and `cf-ray` (the SDK shows it\nas `requestId` on errors and `.withResponse()`), and must not rely on any.\n",
    "license": {
      "name": "MIT",
      "identifier": "MIT"
    },
    "contact": {
      "name": "NOIZ developer docs",
      "url": "https://noiz.ai"
    }
  },
  "servers": [
    {
      "url": "https://noiz.ai/v1",
      "description": "Production"
    }
  ],
  "security": [
    {
      "apiKey": []
    }
  ],
  "tags": [
    {
      "name": "Voices",
      "description": "Custom (cloned) voices and the service's built-in voices."
    }
  ],
  "paths": {
    "/voices": {
      "get": {
        "operationId": "listVoices",
        "tags": [
          "Voices"
        ],
        "summary": "Get user voices or system voices",
        "description": "Lists voices, one page at a time. Supports pagination and filtering by voice\ntype. `skip` is a page number (starting at 0), not an offset: page `n`\nholds items `n * limit` to `(n + 1) * limit - 1`.\n",
        "parameters": [
          {
            "name": "voice_type",
            "in": "query",
            "required": false,
            "description": "Voice type filter. `custom` for user-created voices (the default), `built-in` for system voices.",
            "schema": {
              "$ref": "#/components/schemas/VoiceType"
            }
          },
          {
            "name": "keyword",
            "in": "query",
            "required": false,
            "description": "Search keyword; matches the voice's name, description and labels.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "skip",
            "in": "query",
            "required": false,
            "description": "The page number, starting at 0. Not an offset.",
            "schema": {
              "type": "integer",
              "minimum": 0,
              "default": 0
            }
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "description": "The page size; the maximum number of voices in one page.",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "default": 10
            }
          }
        ],
        "responses": {
          "200": {
            "description": "One page of voices and the total count across all pages.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/VoiceListEnvelope"
                },
                "examples": {
                  "customVoices": {
                    "summary": "A page of custom voices",
                    "value": {
                      "code": 0,
                      "message": "success",
                      "data": {
                        "total_count": 2,
                        "voices": [
                          {
                            "id": 1024,
                            "voice_id": "abc123def456",
                            "display_name": "My Custom Voice",
                            "voice_type": "custom",
                            "labels": "warm, narration",
                            "sample": "https://cdn.noiz.ai/samples/abc123def456.wav",
                            "meta": {
                              "text": "The quick brown fox jumps over the lazy dog."
                            },
                            "url": "https://cdn.noiz.ai/voices/abc123def456.wav",
                            "create_time": 1738664000
                          },
                          {
                            "id": 1025,
                            "voice_id": "fed654cba321",
                            "display_name": "Podcast Host",
                            "voice_type": "custom",
                            "labels": "bright",
                            "sample": "https://cdn.noiz.ai/samples/fed654cba321.wav",
                            "meta": {
                              "text": "Welcome back to the show."
                            },
                            "url": "https://cdn.noiz.ai/voices/fed654cba321.wav",
                            "create_time": 1738665000
                          }
                        ]
                      }
                    }
                  },
                  "builtInVoices": {
                    "summary": "A page of built-in voices",
                    "value": {
                      "code": 0,
                      "message": "success",
                      "data": {
                        "total_count": 1,
                        "voices": [
                          {
                            "id": 7,
                            "voice_id": "builtin-aria",
                            "display_name": "Aria",
                            "voice_type": "built-in",
                            "labels": "female, calm",
                            "sample": "https://cdn.noiz.ai/samples/builtin-aria.wav",
                            "meta": {
                              "text": "Hello, I am Aria."
                            },
                            "url": "https://cdn.noiz.ai/voices/builtin-aria.wav",
                            "create_time": 1700000000
                          }
                        ]
                      }
                    }
                  },
                  "emptyList": {
                    "summary": "No voices match",
                    "value": {
                      "code": 0,
                      "message": "success",
                      "data": {
                        "total_count": 0,
                        "voices": []
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "429": {
            "$ref": "#/components/responses/QuotaExceeded"
          }
        }
      },
      "post": {
        "operationId": "cloneVoice",
        "tags": [
          "Voices"
        ],
        "summary": "Clone a voice",
        "description": "Clones a voice from an uploaded audio file or from the URL of one. Provide\n`file` (an upload) or `voice_url` (a remote URL); at least one is required.\nOnly WAV, MP3 and M4A audio is supported.\n\nNot idempotent: the service takes no idempotency key, so sending the same\nrequest twice may create two voices.\n",
        "requestBody": {
          "required": true,
          "content": {
            "multipart/form-data": {
              "schema": {
                "$ref": "#/components/schemas/CloneVoiceRequest"
              },
              "encoding": {
                "file": {
                  "contentType": "audio/wav, audio/x-wav, audio/wave, audio/mpeg, audio/mp3, audio/mp4, audio/x-m4a, audio/m4a, application/octet-stream"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The voice was cloned.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ClonedVoiceEnvelope"
                },
                "examples": {
                  "cloned": {
                    "summary": "A cloned voice",
                    "value": {
                      "code": 0,
                      "message": "success",
                      "data": {
                        "voice_id": "abc123def456",
                        "voice_display_name": "My Custom Voice",
                        "duration": 8.52,
                        "selected_text": "The quick brown fox jumps over the lazy dog.",
                        "selected_start": 0.4,
                        "selected_end": 8.1,
                        "text": "The quick brown fox jumps over the lazy dog.",
                        "language": "en"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "description": "The request was invalid, or the audio could not be processed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ErrorEnvelope"
                },
                "examples": {
                  "missingAudio": {
                    "summary": "Neither file nor voice_url was sent",
                    "value": {
                      "code": 40001,
                      "message": "either file or voice_url is required",
                      "data": null
                    }
                  },
                  "unsupportedFormat": {
                    "summary": "The audio is not WAV, MP3 or M4A",
                    "value": {
                      "code": 40002,
                      "message": "unsupported audio format; use WAV, MP3 or M4A",
                      "data": null
                    }
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "429": {
            "$ref": "#/components/responses/QuotaExceeded"
          }
        }
      }
    },
    "/voices/{voice_id}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/VoiceId"
        }
      ],
      "get": {
        "operationId": "getVoice",
        "tags": [
          "Voices"
        ],
        "summary": "Get voice details",
        "description": "Returns one voice, custom or built-in, by its `voice_id`.",
        "responses": {
          "200": {
            "description": "The voice.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/VoiceEnvelope"
                },
                "examples": {
                  "customVoice": {
                    "summary": "A custom voice",
                    "value": {
                      "code": 0,
                      "message": "success",
                      "data": {
                        "id": 1024,
                        "voice_id": "abc123def456",
                        "display_name": "My Custom Voice",
                        "voice_type": "custom",
                        "labels": "warm, narration",
                        "sample": "https://cdn.noiz.ai/samples/abc123def456.wav",
                        "meta": {
                          "text": "The quick brown fox jumps over the lazy dog."
                        },
                        "url": "https://cdn.noiz.ai/voices/abc123def456.wav",
                        "create_time": 1738664000
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/VoiceNotFound"
          },
          "429": {
            "$ref": "#/components/responses/QuotaExceeded"
          }
        }
      },
      "delete": {
        "operationId": "deleteVoice",
        "tags": [
          "Voices"
        ],
        "summary": "Delete a voice (soft delete)",
        "description": "Soft-deletes a voice by setting its `delete_time`. The audio is not\nphysically removed from storage.\n",
        "responses": {
          "200": {
            "description": "The voice was deleted.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DeletedVoiceEnvelope"
                },
                "examples": {
                  "deleted": {
                    "summary": "A deleted voice",
                    "value": {
                      "code": 0,
                      "message": "success",
                      "data": {
                        "voice_id": "abc123def456",
                        "display_name": "My Custom Voice",
                        "delete_time": 1738664823
                      }
                    }
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/VoiceNotFound"
          },
          "429": {
            "$ref": "#/components/responses/QuotaExceeded"
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "apiKey": {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": "The raw API key in the `Authorization` header, with no `Bearer ` prefix."
      }
    },
    "parameters": {
      "VoiceId": {
        "name": "voice_id",
        "in": "path",
        "required": true,
        "description": "The ID of the voice (`voice_id` in a `Voice`).",
        "schema": {
          "type": "string",
          "minLength": 1
        },
        "example": "abc123def456"
      }
    },
    "schemas": {
      "VoiceType": {
        "type": "string",
        "description": "`custom` for voices cloned by the account, `built-in` for system voices.",
        "enum": [
          "custom",
          "built-in"
        ],
        "default": "custom"
      },
      "Voice": {
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
            "$ref": "#/components/schemas/VoiceType",
            "description": "`custom` for a voice cloned by the account, `built-in` for a system voice."
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
      },
      "VoiceList": {
        "type": "object",
        "description": "One page of voices.",
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
              "$ref": "#/components/schemas/Voice"
            }
          }
        }
      },
      "ClonedVoice": {
        "type": "object",
        "description": "The result of cloning a voice.",
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
      },
      "DeletedVoice": {
        "type": "object",
        "description": "The voice that was soft-deleted.",
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
      },
      "CloneVoiceRequest": {
        "description": "The form of a clone request. `file` or `voice_url` is required: at least\none of the two (both may be sent). The rule is written as an `anyOf` of the\ntwo cases so that validators and code generators both see it.\n",
        "anyOf": [
          {
            "$ref": "#/components/schemas/CloneVoiceFromFile"
          },
          {
            "$ref": "#/components/schemas/CloneVoiceFromUrl"
          }
        ]
      },
      "CloneVoiceFromFile": {
        "description": "A clone request that uploads the audio in `file`.",
        "type": "object",
        "allOf": [
          {
            "$ref": "#/components/schemas/CloneVoiceFields"
          }
        ],
        "required": [
          "file"
        ]
      },
      "CloneVoiceFromUrl": {
        "description": "A clone request that names the audio by `voice_url`.",
        "type": "object",
        "allOf": [
          {
            "$ref": "#/components/schemas/CloneVoiceFields"
          }
        ],
        "required": [
          "voice_url"
        ]
      },
      "CloneVoiceFields": {
        "type": "object",
        "description": "The fields of a clone request.",
        "properties": {
          "file": {
            "type": "string",
            "format": "binary",
            "description": "Audio file to upload (WAV, MP3 or M4A)."
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
        }
      },
      "Envelope": {
        "type": "object",
        "description": "The wrapper of every JSON body. `code` 0 means success.",
        "required": [
          "code",
          "message"
        ],
        "properties": {
          "code": {
            "type": "integer",
            "description": "Status code; 0 means success."
          },
          "message": {
            "type": "string",
            "description": "Human-readable status message."
          }
        }
      },
      "VoiceListEnvelope": {
        "description": "A successful `listVoices` body.",
        "allOf": [
          {
            "$ref": "#/components/schemas/Envelope"
          },
          {
            "type": "object",
            "required": [
              "data"
            ],
            "properties": {
              "code": {
                "description": "Always 0 in a success.",
                "const": 0
              },
              "data": {
                "$ref": "#/components/schemas/VoiceList",
                "description": "The page of voices."
              }
            }
          }
        ]
      },
      "VoiceEnvelope": {
        "description": "A successful `getVoice` body.",
        "allOf": [
          {
            "$ref": "#/components/schemas/Envelope"
          },
          {
            "type": "object",
            "required": [
              "data"
            ],
            "properties": {
              "code": {
                "description": "Always 0 in a success.",
                "const": 0
              },
              "data": {
                "$ref": "#/components/schemas/Voice",
                "description": "The voice."
              }
            }
          }
        ]
      },
      "ClonedVoiceEnvelope": {
        "description": "A successful `cloneVoice` body.",
        "allOf": [
          {
            "$ref": "#/components/schemas/Envelope"
          },
          {
            "type": "object",
            "required": [
              "data"
            ],
            "properties": {
              "code": {
                "description": "Always 0 in a success.",
                "const": 0
              },
              "data": {
                "$ref": "#/components/schemas/ClonedVoice",
                "description": "The cloned voice."
              }
            }
          }
        ]
      },
      "DeletedVoiceEnvelope": {
        "description": "A successful `deleteVoice` body.",
        "allOf": [
          {
            "$ref": "#/components/schemas/Envelope"
          },
          {
            "type": "object",
            "required": [
              "data"
            ],
            "properties": {
              "code": {
                "description": "Always 0 in a success.",
                "const": 0
              },
              "data": {
                "$ref": "#/components/schemas/DeletedVoice",
                "description": "The deleted voice."
              }
            }
          }
        ]
      },
      "ErrorEnvelope": {
        "description": "A failure body: the envelope with a non-zero `code`. The shape of `data` in\nerror bodies is not documented by the service; it is assumed absent or `null`.\nNor are the non-zero `code` values: the codes in this document's examples\nare illustrative, so clients should branch on the HTTP status, not on `code`.\n",
        "allOf": [
          {
            "$ref": "#/components/schemas/Envelope"
          },
          {
            "type": "object",
            "properties": {
              "data": {
                "description": "Not documented by the service; absent or null in practice.",
                "type": "null"
              }
            }
          }
        ]
      }
    },
    "responses": {
      "BadRequest": {
        "description": "The request's parameters were invalid.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorEnvelope"
            },
            "examples": {
              "invalidParameters": {
                "summary": "Invalid parameters",
                "value": {
                  "code": 40000,
                  "message": "invalid parameters",
                  "data": null
                }
              }
            }
          }
        }
      },
      "Unauthorized": {
        "description": "The API key is missing or invalid.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorEnvelope"
            },
            "examples": {
              "invalidKey": {
                "summary": "The API key is invalid",
                "value": {
                  "code": 40100,
                  "message": "invalid api key",
                  "data": null
                }
              },
              "missingKey": {
                "summary": "No API key was sent",
                "value": {
                  "code": 40101,
                  "message": "missing api key",
                  "data": null
                }
              }
            }
          }
        }
      },
      "VoiceNotFound": {
        "description": "No voice has that `voice_id`.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorEnvelope"
            },
            "examples": {
              "voiceNotFound": {
                "summary": "The voice does not exist",
                "value": {
                  "code": 40400,
                  "message": "voice not found",
                  "data": null
                }
              }
            }
          }
        }
      },
      "QuotaExceeded": {
        "description": "The key's monthly quota is used up. The service may send `Retry-After`\n(seconds or an HTTP date); it is not documented.\n",
        "headers": {
          "Retry-After": {
            "description": "Seconds to wait, or an HTTP date, before trying again. Not always sent.",
            "schema": {
              "type": "string"
            },
            "example": "30"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorEnvelope"
            },
            "examples": {
              "quotaExceeded": {
                "summary": "Monthly quota exceeded",
                "value": {
                  "code": 42900,
                  "message": "monthly quota exceeded",
                  "data": null
                }
              }
            }
          }
        }
      }
    }
  }
} satisfies OpenAPIV3_1.Document;
