/** The voice-activity package (`united-voice/ear`, built from the same crate with
 * `--features ear`), loaded when the caller starts a call: its detector is ~60 KB that a caller
 * who only types never needs. */

import type { VoiceActivity } from "united-voice/ear/united_voice_ear.js";

export type { VoiceActivity, VoiceOptions, TurnEvent } from "united-voice/ear/united_voice_ear.js";

let loaded: Promise<typeof VoiceActivity> | null = null;

export function loadEar(): Promise<typeof VoiceActivity> {
  loaded ??= import("united-voice/ear/united_voice_ear.js").then(async (ear) => {
    await ear.default();
    return ear.VoiceActivity;
  });
  return loaded;
}
