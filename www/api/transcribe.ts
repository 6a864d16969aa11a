/** POST /api/transcribe: one recorded clip (multipart field `file`) -> Groq Whisper -> {text}. */

import { isRecord, mediaType } from "./_lib/body.js";
import { HttpError } from "./_lib/errors.js";
import { route } from "./_lib/route.js";
import { callUpstream, upstreamJson } from "./_lib/upstream.js";
import { knownAudioExtension, WHISPER_EXTENSIONS } from "../shared/audio-types.js";

export const MAX_AUDIO_BYTES = 10 * 1024 * 1024;
/** Room for the multipart boundaries and part headers around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** Names Whisper tends to mishear; a hint, not a constraint. */
export const VOCABULARY_PROMPT =
  "United Airlines flight booking. Cities and airports: Chicago O'Hare, Newark, " +
  "San Francisco, Denver, Houston, Washington Dulles, New York JFK, LaGuardia, Los Angeles, " +
  "Boston, Seattle, Honolulu, Orlando, Austin, Atlanta, Miami. Economy, business, first class.";

/** Most characters of the app's own hint (the places and names on the table). */
export const MAX_VOCABULARY_CHARS = 300;

/** Our list plus the call's own words (a hint only; anything odd is dropped, never an error):
 * letters, digits, spaces and simple punctuation, at most MAX_VOCABULARY_CHARS. */
export function promptWith(vocabulary: FormDataEntryValue | null): string {
  if (typeof vocabulary !== "string") return VOCABULARY_PROMPT;
  const clean = vocabulary.replace(/[^\p{L}\p{N} ,.'-]/gu, " ").replace(/\s+/g, " ").trim().slice(0, MAX_VOCABULARY_CHARS);
  return clean ? `${clean}. ${VOCABULARY_PROMPT}` : VOCABULARY_PROMPT;
}

/** The extension Groq infers the container from: by the file's type (the shared table), or
 * by its name when the browser sent no type. */
function audioExtension(file: File): string | null {
  const byType = knownAudioExtension(file.type);
  if (byType) return byType;
  if (file.type === "" || mediaType(file.type) === "application/octet-stream") {
    const ext = file.name.split(".").pop()?.toLowerCase() ?? "";
    if (WHISPER_EXTENSIONS.has(ext)) return ext;
  }
  return null;
}

export const handler = route({
  methods: ["POST"],
  rateLimited: true,
  key: { read: (config) => config.groqKey, missing: "Speech recognition is not configured." },
  body: { type: "multipart/form-data", maxBytes: MAX_AUDIO_BYTES + MULTIPART_OVERHEAD },
  async run(req, config, bytes, groqKey) {
    let form: FormData;
    try {
      form = await new Response(bytes, {
        headers: { "content-type": req.headers.get("content-type") ?? "" },
      }).formData();
    } catch {
      throw new HttpError("bad_request", "The multipart body could not be read.");
    }
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      throw new HttpError("bad_request", "Attach the recording as a non-empty `file` field.");
    }
    if (file.size > MAX_AUDIO_BYTES) {
      throw new HttpError("payload_too_large", "The recording is over 10 MB.");
    }
    const extension = audioExtension(file);
    if (!extension) {
      throw new HttpError("unsupported_media_type", "Send webm, ogg, mp4/m4a, mp3, wav or flac audio.");
    }

    const upstreamForm = new FormData();
    upstreamForm.set("file", new Blob([await file.arrayBuffer()], { type: file.type }), `audio.${extension}`);
    upstreamForm.set("model", config.sttModel);
    upstreamForm.set("language", "en");
    upstreamForm.set("response_format", "json");
    upstreamForm.set("temperature", "0");
    upstreamForm.set("prompt", promptWith(form.get("vocabulary")));

    const upstream = await callUpstream(
      `${config.groqBaseUrl}/openai/v1/audio/transcriptions`,
      { method: "POST", headers: { authorization: `Bearer ${groqKey}` }, body: upstreamForm },
      config.upstreamTimeoutMs,
    );
    const answer = await upstreamJson(upstream);
    if (!isRecord(answer) || typeof answer.text !== "string") {
      throw new HttpError("upstream_error", "The speech service sent an unexpected answer.");
    }
    return Response.json({ text: answer.text.trim() });
  },
});

export default { fetch: handler };
