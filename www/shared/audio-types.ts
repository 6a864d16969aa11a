/** The one table of recorded audio types and the file extension Whisper infers the container
 * from. Used by the app (src/lib/audio.ts), the proxy (api/transcribe.ts), and mirrored by the
 * wasm agent's `audio_extension` (src/wasm/proxy.rs), which shared/audio-types.test.ts checks
 * against this table arm by arm. Keys are media types without parameters, lower case. */
export const AUDIO_EXTENSIONS: Readonly<Record<string, string>> = {
  "audio/webm": "webm",
  "video/webm": "webm",
  "audio/ogg": "ogg",
  "audio/opus": "ogg",
  "video/ogg": "ogg",
  "audio/mp4": "m4a",
  "audio/m4a": "m4a",
  "audio/x-m4a": "m4a",
  "video/mp4": "m4a",
  "audio/mpeg": "mp3",
  "audio/mp3": "mp3",
  "audio/wav": "wav",
  "audio/wave": "wav",
  "audio/x-wav": "wav",
  "audio/vnd.wave": "wav",
  "audio/flac": "flac",
  "audio/x-flac": "flac",
};

/** What a recording of unknown type is named: Chromium's MediaRecorder records webm. */
export const DEFAULT_AUDIO_EXTENSION = "webm";

/** File name extensions Whisper accepts (for an upload that carries a name but no type). */
export const WHISPER_EXTENSIONS: ReadonlySet<string> = new Set([
  "flac", "m4a", "mp3", "mp4", "mpeg", "mpga", "ogg", "wav", "webm",
]);

/** The media type without parameters, lower-cased ("audio/webm;codecs=opus" -> "audio/webm"). */
export function mediaType(value: string | null | undefined): string {
  return (value ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** The extension for a recorded type, or null when the table does not know it. */
export function knownAudioExtension(type: string | null | undefined): string | null {
  return AUDIO_EXTENSIONS[mediaType(type)] ?? null;
}

/** Alex's voice as /api/tts sends it: ElevenLabs' `pcm_24000` output format, raw signed 16-bit
 * little-endian mono samples at 24 kHz, no header. Raw PCM needs no decoder, so the app plays each
 * chunk as it arrives (src/speech/web-audio.ts). The media type is not `audio/L16`: that one is
 * big-endian (RFC 2586). */
export const SPEECH_RATE = 24_000;
export const SPEECH_FORMAT = `pcm_${SPEECH_RATE}`;
export const SPEECH_TYPE = `audio/pcm;rate=${SPEECH_RATE}`;
