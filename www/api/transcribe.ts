/** POST /api/transcribe: one recorded clip (multipart field `file`) -> Groq Whisper -> {text}. */

import { readLimited, mediaType } from "./_lib/body.js";
import { HttpError } from "./_lib/errors.js";
import { route } from "./_lib/route.js";
import { callUpstream, upstreamJson } from "./_lib/upstream.js";
import { isRecord } from "./_lib/body.js";

export const MAX_AUDIO_BYTES = 10 * 1024 * 1024;
/** Room for the multipart boundaries and part headers around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** Accepted audio types and the file extension Groq infers the container from. */
const AUDIO_TYPES: Record<string, string> = {
  "audio/webm": "webm",
  "video/webm": "webm",
  "audio/ogg": "ogg",
  "audio/opus": "ogg",
  "audio/mp4": "mp4",
  "audio/m4a": "m4a",
  "audio/x-m4a": "m4a",
  "audio/mpeg": "mp3",
  "audio/mp3": "mp3",
  "audio/wav": "wav",
  "audio/x-wav": "wav",
  "audio/wave": "wav",
  "audio/vnd.wave": "wav",
};
const EXTENSIONS = new Set(["webm", "ogg", "mp4", "m4a", "mp3", "mpeg", "mpga", "wav"]);

/** Names Whisper tends to mishear; a hint, not a constraint. */
export const VOCABULARY_PROMPT =
  "United Airlines flight booking. Cities and airports: Chicago O'Hare, Newark, " +
  "San Francisco, Denver, Houston, Washington Dulles, New York JFK, LaGuardia, Los Angeles, " +
  "Boston, Seattle, Honolulu, Orlando, Austin, Atlanta, Miami. Economy, business, first class.";

function audioExtension(file: File): string | null {
  const byType = AUDIO_TYPES[mediaType(file.type)];
  if (byType) return byType;
  if (file.type === "" || mediaType(file.type) === "application/octet-stream") {
    const ext = file.name.split(".").pop()?.toLowerCase() ?? "";
    if (EXTENSIONS.has(ext)) return ext;
  }
  return null;
}

export const handler = route({
  methods: ["POST"],
  rateLimited: true,
  async run(req, config) {
    if (mediaType(req.headers.get("content-type")) !== "multipart/form-data") {
      throw new HttpError("unsupported_media_type", "Send multipart/form-data with a `file` field.");
    }
    if (!config.groqKey) {
      throw new HttpError("not_configured", "Speech recognition is not configured.");
    }
    const bytes = await readLimited(req, MAX_AUDIO_BYTES + MULTIPART_OVERHEAD);
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
      throw new HttpError("unsupported_media_type", "Send webm, ogg, mp4/m4a, mp3 or wav audio.");
    }

    const upstreamForm = new FormData();
    upstreamForm.set("file", new Blob([await file.arrayBuffer()], { type: file.type }), `audio.${extension}`);
    upstreamForm.set("model", config.sttModel);
    upstreamForm.set("language", "en");
    upstreamForm.set("response_format", "json");
    upstreamForm.set("temperature", "0");
    upstreamForm.set("prompt", VOCABULARY_PROMPT);

    const upstream = await callUpstream(
      `${config.groqBaseUrl}/openai/v1/audio/transcriptions`,
      { method: "POST", headers: { authorization: `Bearer ${config.groqKey}` }, body: upstreamForm },
      config.upstreamTimeoutMs,
    );
    const answer = await upstreamJson(upstream);
    if (!isRecord(answer) || typeof answer.text !== "string") {
      throw new HttpError("upstream_error", "The speech service sent an unexpected answer.");
    }
    return Response.json({ text: answer.text.trim() }, { headers: { "cache-control": "no-store" } });
  },
});

export default { fetch: handler };
