//! The audio playback queue's logic (SCAFFOLD: filled in by the audio-queue work).
