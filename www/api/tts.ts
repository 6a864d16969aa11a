/** POST /api/tts: one reply segment -> ElevenLabs streaming speech, piped back unbuffered as raw
 * 16-bit PCM at 24 kHz (`SPEECH_FORMAT`, shared/audio-types.ts), which the app plays chunk by
 * chunk without a decoder. */

import { SPEECH_FORMAT, SPEECH_TYPE } from "../shared/audio-types.js";
import { isRecord, parseJson } from "./_lib/body.js";
import { HttpError } from "./_lib/errors.js";
import { route } from "./_lib/route.js";
import { callUpstream } from "./_lib/upstream.js";

export const MAX_TTS_CHARS = 600;
const MAX_TTS_BODY_BYTES = 16 * 1024;

function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new HttpError("bad_request", `\`${field}\` must be a string.`);
  if (value.length > MAX_TTS_CHARS) {
    throw new HttpError("payload_too_large", `\`${field}\` is over ${MAX_TTS_CHARS} characters.`);
  }
  return value || undefined;
}

export const handler = route({
  methods: ["POST"],
  rateLimited: true,
  key: {
    read: ({ elevenKey, elevenVoiceId }) => (elevenKey && elevenVoiceId ? { elevenKey, elevenVoiceId } : null),
    missing: "Speech synthesis is not configured.",
  },
  body: { type: "application/json", maxBytes: MAX_TTS_BODY_BYTES },
  async run(_req, config, bytes, { elevenKey, elevenVoiceId }) {
    const body = parseJson(bytes);
    if (!isRecord(body) || typeof body.text !== "string" || body.text.trim() === "") {
      throw new HttpError("bad_request", "Send {\"text\": \"...\"}.");
    }
    const text = optionalText(body.text, "text") ?? "";
    const previous = optionalText(body.previous_text, "previous_text");
    const next = optionalText(body.next_text, "next_text");

    const voice = encodeURIComponent(elevenVoiceId);
    const upstream = await callUpstream(
      `${config.elevenBaseUrl}/v1/text-to-speech/${voice}/stream?output_format=${SPEECH_FORMAT}`,
      {
        method: "POST",
        headers: {
          "xi-api-key": elevenKey,
          "content-type": "application/json",
        },
        body: JSON.stringify({
          text,
          model_id: config.ttsModel,
          ...(previous ? { previous_text: previous } : {}),
          ...(next ? { next_text: next } : {}),
        }),
      },
      config.upstreamTimeoutMs,
    );
    const source = upstream.response.body;
    if (!source) {
      upstream.done();
      throw new HttpError("upstream_error", "The speech service sent no audio.");
    }
    // Pass chunks through as they come; the deadline stays armed until the stream ends.
    const piped = source.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        flush: () => upstream.done(),
      }),
    );
    return new Response(piped, {
      status: 200,
      headers: { "content-type": SPEECH_TYPE },
    });
  },
});

export default { fetch: handler };
