/** The hands-free call's code, loaded when the caller starts a call: the voice-activity
 * package (`united-voice/ear`, built from the same crate with `--features ear`; its detector is
 * ~60 KB that a caller who only types never needs) and the app's call machinery (microphone,
 * recognition, the event loop), which only a call uses either. */

import type { VoiceActivity } from "united-voice/ear/united_voice_ear.js";
import type { HandsFree } from "./hands-free";
import type { Mic } from "./mic";
import type { BrowserRecognition } from "./recognition";

export type { VoiceActivity, VoiceOptions, TurnEvent } from "united-voice/ear/united_voice_ear.js";

export interface CallKit {
  VoiceActivity: typeof VoiceActivity;
  HandsFree: typeof HandsFree;
  Mic: typeof Mic;
  BrowserRecognition: typeof BrowserRecognition;
}

let loaded: Promise<CallKit> | null = null;

export function loadCallKit(): Promise<CallKit> {
  loaded ??= Promise.all([
    import("united-voice/ear/united_voice_ear.js").then(async (ear) => {
      await ear.default();
      return ear.VoiceActivity;
    }),
    import("./hands-free"),
    import("./mic"),
    import("./recognition"),
  ]).then(([VoiceActivity, handsFree, mic, recognition]) => ({
    VoiceActivity,
    HandsFree: handsFree.HandsFree,
    Mic: mic.Mic,
    BrowserRecognition: recognition.BrowserRecognition,
  }));
  return loaded;
}
