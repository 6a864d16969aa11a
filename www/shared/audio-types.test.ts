/** The wasm agent names uploads with its own copy of the table (Rust cannot import this
 * module): read src/wasm/proxy.rs and check that its match lists exactly the same types. */

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AUDIO_EXTENSIONS, DEFAULT_AUDIO_EXTENSION, WHISPER_EXTENSIONS } from "./audio-types";

function rustTable(): { table: Record<string, string>; fallback: string } {
  const source = readFileSync(new URL("../../src/wasm/proxy.rs", import.meta.url), "utf8");
  const body = /pub fn audio_extension\([^)]*\)[^{]*\{([\s\S]*?)\n\}/.exec(source)?.[1];
  if (!body) throw new Error("audio_extension not found in src/wasm/proxy.rs");
  const table: Record<string, string> = {};
  let fallback = "";
  for (const arm of body.matchAll(/^\s*((?:"[^"]+"\s*\|\s*)*"[^"]+"|_)\s*=>\s*"([^"]+)"/gm)) {
    const [, patterns, extension] = arm as unknown as [string, string, string];
    if (patterns === "_") fallback = extension;
    else for (const [, type] of patterns.matchAll(/"([^"]+)"/g)) table[type!] = extension;
  }
  return { table, fallback };
}

describe("the audio type table", () => {
  it("is the same in the wasm agent (src/wasm/proxy.rs) as here", () => {
    const rust = rustTable();
    expect(Object.keys(rust.table).length).toBeGreaterThan(5);
    expect(rust.table).toEqual(AUDIO_EXTENSIONS);
    expect(rust.fallback).toBe(DEFAULT_AUDIO_EXTENSION);
  });

  it("names only extensions Whisper accepts", () => {
    for (const extension of Object.values(AUDIO_EXTENSIONS)) expect(WHISPER_EXTENSIONS.has(extension)).toBe(true);
  });
});
