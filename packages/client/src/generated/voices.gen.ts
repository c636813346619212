/**
 * Generated, do not edit.
 * Source: spec/voices.openapi.yaml (openapi-typescript).
 * Change the spec, then run `pnpm generate`.
 */

/** Every path of the Voices API with its operations: the type parameter of `client.raw`, an openapi-fetch `Client<paths>`. */
export interface paths {
    "/voices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get user voices or system voices
         * @description Lists voices, one page at a time. Supports pagination and filtering by voice
         *     type. `skip` is a page number (starting at 0), not an offset: page `n`
         *     holds items `n * limit` to `(n + 1) * limit - 1`.
         */
        get: operations["listVoices"];
        put?: never;
        /**
         * Clone a voice
         * @description Clones a voice from an uploaded audio file or from the URL of one. Provide
         *     `file` (an upload) or `voice_url` (a remote URL); at least one is required.
         *     Only WAV, MP3 and M4A audio is supported.
         *
         *     Not idempotent: the service takes no idempotency key, so sending the same
         *     request twice may create two voices.
         */
        post: operations["cloneVoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/voices/{voice_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The ID of the voice (`voice_id` in a `Voice`).
                 * @example abc123def456
                 */
                voice_id: components["parameters"]["VoiceId"];
            };
            cookie?: never;
        };
        /**
         * Get voice details
         * @description Returns one voice, custom or built-in, by its `voice_id`.
         */
        get: operations["getVoice"];
        put?: never;
        post?: never;
        /**
         * Delete a voice (soft delete)
         * @description Soft-deletes a voice by setting its `delete_time`. The audio is not
         *     physically removed from storage.
         */
        delete: operations["deleteVoice"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
/** The API's webhooks: none. */
export type webhooks = Record<string, never>;
/** The spec's reusable parts: `schemas` (such as `Voice`), `parameters` and `responses`. */
export interface components {
    schemas: {
        /**
         * @description `custom` for voices cloned by the account, `built-in` for system voices.
         * @default custom
         * @enum {string}
         */
        VoiceType: "custom" | "built-in";
        /** @description A voice. The service's examples always carry every field. */
        Voice: {
            /** @description Internal numeric id. */
            id?: number;
            /** @description The id every other operation takes. */
            voice_id: string;
            /** @description The voice's display name. */
            display_name: string;
            /** @description `custom` for a voice cloned by the account, `built-in` for a system voice. */
            voice_type: components["schemas"]["VoiceType"];
            /** @description Free-text labels. */
            labels?: string;
            /** @description Sample audio of the voice (a URL in practice). */
            sample?: string;
            /** @description Metadata of the sample. */
            meta?: {
                /** @description Transcript of the sample. */
                text?: string;
            };
            /** @description URL of the voice's reference audio. */
            url?: string;
            /** @description Creation time, Unix seconds. */
            create_time?: number;
        };
        /** @description One page of voices. */
        VoiceList: {
            /** @description Number of voices across all pages. */
            total_count: number;
            /** @description The voices of this page. */
            voices: components["schemas"]["Voice"][];
        };
        /** @description The result of cloning a voice. */
        ClonedVoice: {
            /** @description The new voice's id. */
            voice_id: string;
            /** @description The new voice's display name. */
            voice_display_name?: string;
            /** @description Duration of the source audio, in seconds. */
            duration?: number;
            /** @description Transcript of the segment selected for cloning. */
            selected_text?: string;
            /** @description Start of the selected segment, in seconds. */
            selected_start?: number;
            /** @description End of the selected segment, in seconds. */
            selected_end?: number;
            /** @description Transcript of the source audio. */
            text?: string;
            /** @description Language of the audio, such as `en` or `zh`. */
            language?: string;
        };
        /** @description The voice that was soft-deleted. */
        DeletedVoice: {
            /** @description The deleted voice's id. */
            voice_id: string;
            /** @description The deleted voice's display name. */
            display_name?: string;
            /** @description Deletion time, Unix seconds. */
            delete_time: number;
        };
        /**
         * @description The form of a clone request. `file` or `voice_url` is required: at least
         *     one of the two (both may be sent). The rule is written as an `anyOf` of the
         *     two cases so that validators and code generators both see it.
         */
        CloneVoiceRequest: components["schemas"]["CloneVoiceFromFile"] | components["schemas"]["CloneVoiceFromUrl"];
        /** @description A clone request that uploads the audio in `file`. */
        CloneVoiceFromFile: WithRequired<components["schemas"]["CloneVoiceFields"], "file">;
        /** @description A clone request that names the audio by `voice_url`. */
        CloneVoiceFromUrl: WithRequired<components["schemas"]["CloneVoiceFields"], "voice_url">;
        /** @description The fields of a clone request. */
        CloneVoiceFields: {
            /**
             * Format: binary
             * @description Audio file to upload (WAV, MP3 or M4A).
             */
            file?: string;
            /**
             * Format: uri
             * @description URL of a remote audio file (WAV, MP3 or M4A).
             */
            voice_url?: string;
            /** @description Display name for the cloned voice. */
            display_name?: string;
            /** @description Whether to apply noise reduction to the audio. */
            denoise?: boolean;
            /** @description Language of the audio, such as `en` or `zh`. */
            language?: string;
        };
        /** @description The wrapper of every JSON body. `code` 0 means success. */
        Envelope: {
            /** @description Status code; 0 means success. */
            code: number;
            /** @description Human-readable status message. */
            message: string;
        };
        /** @description A successful `listVoices` body. */
        VoiceListEnvelope: components["schemas"]["Envelope"] & {
            /**
             * @description Always 0 in a success.
             * @constant
             */
            code?: 0;
            /** @description The page of voices. */
            data: components["schemas"]["VoiceList"];
        };
        /** @description A successful `getVoice` body. */
        VoiceEnvelope: components["schemas"]["Envelope"] & {
            /**
             * @description Always 0 in a success.
             * @constant
             */
            code?: 0;
            /** @description The voice. */
            data: components["schemas"]["Voice"];
        };
        /** @description A successful `cloneVoice` body. */
        ClonedVoiceEnvelope: components["schemas"]["Envelope"] & {
            /**
             * @description Always 0 in a success.
             * @constant
             */
            code?: 0;
            /** @description The cloned voice. */
            data: components["schemas"]["ClonedVoice"];
        };
        /** @description A successful `deleteVoice` body. */
        DeletedVoiceEnvelope: components["schemas"]["Envelope"] & {
            /**
             * @description Always 0 in a success.
             * @constant
             */
            code?: 0;
            /** @description The deleted voice. */
            data: components["schemas"]["DeletedVoice"];
        };
        /**
         * @description A failure body: the envelope with a non-zero `code`. The shape of `data` in
         *     error bodies is not documented by the service; it is assumed absent or `null`.
         *     Nor are the non-zero `code` values: the codes in this document's examples
         *     are illustrative, so clients should branch on the HTTP status, not on `code`.
         */
        ErrorEnvelope: components["schemas"]["Envelope"] & {
            /** @description Not documented by the service; absent or null in practice. */
            data?: null;
        };
    };
    responses: {
        /** @description The request's parameters were invalid. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The API key is missing or invalid. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description No voice has that `voice_id`. */
        VoiceNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /**
         * @description The key's monthly quota is used up. The service may send `Retry-After`
         *     (seconds or an HTTP date); it is not documented.
         */
        QuotaExceeded: {
            headers: {
                /**
                 * @description Seconds to wait, or an HTTP date, before trying again. Not always sent.
                 * @example 30
                 */
                "Retry-After"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
    };
    parameters: {
        /**
         * @description The ID of the voice (`voice_id` in a `Voice`).
         * @example abc123def456
         */
        VoiceId: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
/** The spec's JSON Schema `$defs`: none. */
export type $defs = Record<string, never>;
/** Every operation by its `operationId`: parameters, request body and responses. */
export interface operations {
    listVoices: {
        parameters: {
            query?: {
                /** @description Voice type filter. `custom` for user-created voices (the default), `built-in` for system voices. */
                voice_type?: components["schemas"]["VoiceType"];
                /** @description Search keyword; matches the voice's name, description and labels. */
                keyword?: string;
                /** @description The page number, starting at 0. Not an offset. */
                skip?: number;
                /** @description The page size; the maximum number of voices in one page. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of voices and the total count across all pages. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoiceListEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["QuotaExceeded"];
        };
    };
    cloneVoice: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["CloneVoiceRequest"];
            };
        };
        responses: {
            /** @description The voice was cloned. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClonedVoiceEnvelope"];
                };
            };
            /** @description The request was invalid, or the audio could not be processed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["QuotaExceeded"];
        };
    };
    getVoice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The ID of the voice (`voice_id` in a `Voice`).
                 * @example abc123def456
                 */
                voice_id: components["parameters"]["VoiceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The voice. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoiceEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["VoiceNotFound"];
            429: components["responses"]["QuotaExceeded"];
        };
    };
    deleteVoice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The ID of the voice (`voice_id` in a `Voice`).
                 * @example abc123def456
                 */
                voice_id: components["parameters"]["VoiceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The voice was deleted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeletedVoiceEnvelope"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["VoiceNotFound"];
            429: components["responses"]["QuotaExceeded"];
        };
    };
}
type FlattenedDeepRequired<T> = {
    [K in keyof T]-?: FlattenedDeepRequired<T[K] extends unknown[] | undefined | null ? Extract<T[K], unknown[]>[number] : T[K]>;
};
type ReadonlyArray<T> = [
    Exclude<T, undefined>
] extends [
    unknown[]
] ? Readonly<Exclude<T, undefined>> : Readonly<Exclude<T, undefined>[]>;
/** Every `VoiceType`, in the spec's order. */
export const voiceTypeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["VoiceType"]> = ["custom", "built-in"];
type WithRequired<T, K extends keyof T> = T & {
    [P in K]-?: T[P];
};
