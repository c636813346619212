/** The fake's state: the voices, what each operation does to them, and the audio behind samples. */
import {
  type AudioType,
  type ClonedVoice,
  type DeletedVoice,
  type ListVoicesParams,
  ValidationError,
  type Voice,
  type VoiceList,
} from "@noiz-voices/client";
import { AUDIO_EXTENSIONS } from "@noiz-voices/client/internal";
import { schemaProblem } from "./contract.js";
import { makeWav } from "./wav.js";

/** A voice as the fake holds it: a `Voice`, plus `delete_time` once it was deleted (soft delete). */
export type FakeVoice = Voice & Partial<Pick<DeletedVoice, "delete_time">>;

/**
 * A voice to seed: `display_name` at least; the rest is filled in (`voice_type` defaults to
 * `custom`, `voice_id` to a fresh id). A `delete_time` seeds a voice that was already deleted.
 * `labels` is one comma-separated string (`"warm, narration, en"`), as the service sends it.
 * A voice that breaks the spec's `Voice` is a `ValidationError` naming the field (`voices[0].labels`).
 */
export type SeedVoice = Partial<FakeVoice> & Pick<Voice, "display_name">;

const BUILT_IN: ReadonlyArray<[name: string, labels: string, text: string]> = [
  ["Aria", "female, calm, en", "Hello, I am Aria."],
  ["Ben", "male, warm, en", "Hi there, Ben speaking."],
  ["Chloe", "female, bright, en", "Chloe here, nice to meet you."],
  ["Daniel", "male, deep, narration, en", "This is Daniel, reading the news."],
  ["Elena", "female, soft, es", "Hola, soy Elena."],
  ["Felix", "male, energetic, de", "Hallo, ich bin Felix."],
  ["Grace", "female, narration, en", "Once upon a time, Grace said."],
  ["Hugo", "male, calm, fr", "Bonjour, je suis Hugo."],
  ["Iris", "female, warm, en", "Iris, at your service."],
  ["Jun", "male, bright, zh", "你好，我是君。"],
  ["Kira", "female, deep, ja", "こんにちは、キラです。"],
  ["Leo", "male, soft, narration, en", "Leo, for long reads."],
];

/** The built-in voices every fake starts with: enough for two pages at the default page size. */
export function builtInVoices(): FakeVoice[] {
  return BUILT_IN.map(([name, labels, text], index) => ({
    id: 7 + index,
    voice_id: `builtin-${name.toLowerCase()}`,
    display_name: name,
    voice_type: "built-in",
    labels,
    meta: { text },
    create_time: 1_700_000_000 + index * 86_400,
  }));
}

/** Audio the fake serves as a voice's sample: an upload as it came, or a generated WAV. */
export interface SampleAudio {
  bytes: Blob | Uint8Array<ArrayBuffer>;
  type: string;
}

/** List parameters after the spec's check: typed, with its defaults filled in. */
export type ListQuery = Required<Pick<ListVoicesParams, "voice_type" | "skip" | "limit">> & ListVoicesParams;

/** Where the fake serves samples, under its base URL. */
export const SAMPLES_PATH = "/__fake/samples/";

/** The voices, as a small in-memory service. Times come from `Date.now()`, so fake timers control them. */
export class VoiceStore {
  #voices = new Map<string, FakeVoice>();
  #audio = new Map<string, SampleAudio>();
  #nextId = 1000;
  #nextVoice = 1;
  readonly #seed: readonly SeedVoice[];

  constructor(seed: readonly SeedVoice[]) {
    this.#seed = seed;
    this.reset();
  }

  /** Back to the built-in voices and the seeded ones, with ids counting from the start again. */
  reset(): void {
    this.#voices.clear();
    this.#audio.clear();
    this.#nextId = 1000;
    this.#nextVoice = 1;
    for (const voice of builtInVoices()) this.#voices.set(voice.voice_id, voice);
    for (const [index, seed] of this.#seed.entries()) {
      const voice = this.#complete(seed);
      const problem = schemaProblem("Voice", withoutDeleteTime(voice));
      if (problem) {
        const [first] = problem.fields;
        const hint = problem.fields.includes("labels")
          ? ' labels is one comma-separated string, such as "warm, narration, en".'
          : "";
        throw new ValidationError(
          `voices[${index}]${first ? `.${first}` : ""}`,
          `createFakeVoices: voices[${index}] is not a Voice of the spec: ${problem.problem}.${hint}`,
        );
      }
      if (this.#voices.has(voice.voice_id)) {
        throw new TypeError(`createFakeVoices: voices[${index}] repeats voice_id "${voice.voice_id}".`);
      }
      this.#voices.set(voice.voice_id, voice);
    }
  }

  #complete(seed: SeedVoice): FakeVoice {
    // The spec's field order, so that a voice reads like the service's examples.
    const voice: FakeVoice = Object.assign(
      {
        id: this.#nextId++,
        voice_id: "",
        display_name: "",
        voice_type: "custom" as const,
        labels: "",
        meta: { text: "" },
        create_time: Math.floor(Date.now() / 1000),
      },
      seed,
    );
    voice.voice_id = seed.voice_id ?? this.#newVoiceId();
    return voice;
  }

  #newVoiceId(): string {
    let id: string;
    do id = `fake${String(this.#nextVoice++).padStart(8, "0")}`;
    while (this.#voices.has(id));
    return id;
  }

  /** Every voice, deleted ones included, in the order they were made. */
  all(): FakeVoice[] {
    return [...this.#voices.values()];
  }

  /** One page: `skip` is a page number; `total_count` counts every match. */
  list(params: ListQuery): VoiceList {
    const keyword = params.keyword?.trim().toLowerCase();
    const matches = this.all().filter(
      (voice) =>
        voice.delete_time === undefined &&
        voice.voice_type === params.voice_type &&
        (!keyword || `${voice.display_name}\n${voice.labels ?? ""}`.toLowerCase().includes(keyword)),
    );
    const start = params.skip * params.limit;
    return { total_count: matches.length, voices: matches.slice(start, start + params.limit) };
  }

  /** A voice that exists and is not deleted. */
  get(voiceId: string): FakeVoice | undefined {
    const voice = this.#voices.get(voiceId);
    return voice && voice.delete_time === undefined ? voice : undefined;
  }

  /** Creates a custom voice from a clone request's fields. */
  clone(fields: {
    displayName?: string | undefined;
    language?: string | undefined;
    duration?: number | undefined;
    audio?: SampleAudio | undefined;
  }): ClonedVoice & { voice: FakeVoice } {
    const number = this.#nextVoice;
    const voice = this.#complete({
      display_name: fields.displayName ?? `Cloned voice ${number}`,
      meta: { text: "Transcript of the uploaded audio (the fake does not transcribe)." },
    });
    this.#voices.set(voice.voice_id, voice);
    if (fields.audio) this.#audio.set(voice.voice_id, fields.audio);
    const duration = fields.duration;
    return {
      voice,
      voice_id: voice.voice_id,
      voice_display_name: voice.display_name,
      ...(duration === undefined ? {} : { duration, selected_start: 0, selected_end: duration }),
      selected_text: voice.meta?.text ?? "",
      text: voice.meta?.text ?? "",
      language: fields.language ?? "en",
    };
  }

  /** Soft-deletes a custom voice: it keeps its audio and leaves every list. */
  delete(voiceId: string): DeletedVoice | undefined {
    const voice = this.get(voiceId);
    if (voice?.voice_type !== "custom") return undefined;
    voice.delete_time = Math.floor(Date.now() / 1000);
    return { voice_id: voice.voice_id, display_name: voice.display_name, delete_time: voice.delete_time };
  }

  /** The sample file name of a voice the fake holds audio for (or can make a WAV for). */
  sampleFile(voice: FakeVoice): string {
    const type = this.#audio.get(voice.voice_id)?.type ?? "audio/wav";
    return `${encodeURIComponent(voice.voice_id)}${AUDIO_EXTENSIONS[type as AudioType]?.[0] ?? ".wav"}`;
  }

  /** The audio behind a sample file name, deleted voices included (their audio is kept). */
  sample(file: string): SampleAudio | undefined {
    const voice = this.all().find((candidate) => this.sampleFile(candidate) === file);
    if (!voice) return undefined;
    return this.#audio.get(voice.voice_id) ?? { bytes: makeWav({ seconds: 1 }), type: "audio/wav" };
  }
}

const withoutDeleteTime = ({ delete_time: _, ...voice }: FakeVoice): Voice => voice;

/** A voice as a response shows it: sample URLs under `base`, unless it was seeded with its own. */
export function present(store: VoiceStore, voice: FakeVoice, base: string): Voice {
  const { delete_time: _, ...wire } = voice;
  const url = `${base}${SAMPLES_PATH}${store.sampleFile(voice)}`;
  return { ...wire, sample: voice.sample ?? url, url: voice.url ?? url };
}
