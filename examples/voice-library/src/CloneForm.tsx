import { BadRequestError, type CloneVoiceBody, ConnectionError, ValidationError } from "@noiz-voices/client";
import { useCloneVoice } from "@noiz-voices/react";
import { type FormEvent, type ReactNode, useState } from "react";
import { describeError } from "./errors.js";

const LANGUAGES = [
  ["", "Detect automatically"],
  ["en", "English"],
  ["zh", "Chinese"],
  ["ja", "Japanese"],
  ["ko", "Korean"],
  ["es", "Spanish"],
  ["fr", "French"],
  ["de", "German"],
] as const;

type Source = "file" | "url";

interface CloneFormProps {
  onShow: (voice_id: string) => void;
}

export function CloneForm({ onShow }: CloneFormProps) {
  const clone = useCloneVoice();
  const [source, setSource] = useState<Source>("file");
  const [file, setFile] = useState<File | null>(null);
  const [voiceUrl, setVoiceUrl] = useState("");
  const [name, setName] = useState("");
  const [language, setLanguage] = useState("");
  const [denoise, setDenoise] = useState(false);

  // The client checks the body before sending anything; its ValidationError names the field.
  const fieldError = (field: keyof CloneVoiceBody): string | undefined =>
    clone.error instanceof ValidationError && clone.error.field === field ? clone.error.message : undefined;
  const formError =
    clone.error && !(clone.error instanceof ValidationError && isFormField(clone.error.field))
      ? explain(clone.error)
      : undefined;

  const edited = () => {
    if (clone.isError) clone.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      ...(source === "file" ? (file ? { file } : {}) : { voice_url: voiceUrl.trim() }),
      ...(name.trim() ? { display_name: name.trim() } : {}),
      ...(language ? { language } : {}),
      denoise,
    };
    // Sent as the user filled it in: a missing file or a bad URL comes back as a ValidationError.
    clone.mutate(body as CloneVoiceBody);
  };

  return (
    <section className="panel clone" aria-labelledby="clone-title">
      <h2 id="clone-title">Clone a voice</h2>
      <form onSubmit={submit} noValidate>
        <fieldset className="segmented" onChange={edited}>
          <legend>Audio</legend>
          <label className={source === "file" ? "active" : undefined}>
            <input type="radio" name="source" checked={source === "file"} onChange={() => setSource("file")} />
            Upload a file
          </label>
          <label className={source === "url" ? "active" : undefined}>
            <input type="radio" name="source" checked={source === "url"} onChange={() => setSource("url")} />
            From a URL
          </label>
        </fieldset>

        {source === "file" ? (
          <Field label="Audio file (WAV, MP3 or M4A)" id="clone-file" error={fieldError("file")}>
            <input
              id="clone-file"
              type="file"
              accept=".wav,.mp3,.m4a,audio/wav,audio/mpeg,audio/mp4,audio/x-m4a"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                edited();
              }}
              aria-invalid={fieldError("file") ? true : undefined}
              aria-describedby={fieldError("file") ? "clone-file-error" : undefined}
            />
          </Field>
        ) : (
          <Field label="Audio URL" id="clone-url" error={fieldError("voice_url")}>
            <input
              id="clone-url"
              type="url"
              placeholder="https://example.com/me.wav"
              value={voiceUrl}
              onChange={(event) => {
                setVoiceUrl(event.target.value);
                edited();
              }}
              aria-invalid={fieldError("voice_url") ? true : undefined}
              aria-describedby={fieldError("voice_url") ? "clone-url-error" : undefined}
            />
          </Field>
        )}

        <Field label="Name (optional)" id="clone-name" error={fieldError("display_name")}>
          <input
            id="clone-name"
            type="text"
            value={name}
            placeholder="My narration voice"
            onChange={(event) => {
              setName(event.target.value);
              edited();
            }}
          />
        </Field>

        <Field label="Language" id="clone-language" error={fieldError("language")}>
          <select
            id="clone-language"
            value={language}
            onChange={(event) => {
              setLanguage(event.target.value);
              edited();
            }}
          >
            {LANGUAGES.map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </Field>

        <label className="checkbox">
          <input type="checkbox" checked={denoise} onChange={(event) => setDenoise(event.target.checked)} />
          Reduce background noise
        </label>

        {formError && (
          <p className="field-error form-error" role="alert">
            {formError}
          </p>
        )}
        {clone.isSuccess && (
          <p className="notice notice-info" role="status">
            Cloned “{clone.data.voice_display_name ?? clone.data.voice_id}” ({clone.data.voice_id}).{" "}
            <button type="button" className="link" onClick={() => onShow(clone.data.voice_id)}>
              Show it
            </button>
          </p>
        )}
        <button type="submit" className="primary" disabled={clone.isPending}>
          {clone.isPending ? "Cloning…" : "Clone voice"}
        </button>
      </form>
    </section>
  );
}

function Field({ label, id, error, children }: { label: string; id: string; error?: string; children: ReactNode }) {
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

// Fields shown with their own message; any other (such as `body`) is told above the button.
const FORM_FIELDS = new Set(["file", "voice_url", "display_name", "language"]);
function isFormField(field: string): boolean {
  return FORM_FIELDS.has(field);
}

function explain(error: NonNullable<ReturnType<typeof useCloneVoice>["error"]>): string {
  if (error instanceof ConnectionError && error.outcomeUnknown) {
    return "The connection dropped after the upload started, so the voice may have been created. Check the list before trying again.";
  }
  if (error instanceof BadRequestError) return `The service couldn't use this audio: ${error.message}`;
  return describeError(error);
}
