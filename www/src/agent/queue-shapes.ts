/** The wasm AudioQueue's actions and status, read defensively: the app must never act on a
 * shape it does not understand (it would play the wrong segment or never stop). */

import type { AudioQueueLike, QueueAction, QueueStatus } from "./types";

const KINDS = new Set(["play", "stop", "discard"]);

/** `{action, turn, seq}` or the externally tagged `{play: {turn, seq}}`; anything else is dropped. */
export function normalizeAction(value: unknown): QueueAction | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.action === "string" && KINDS.has(v.action) && typeof v.turn === "number" && typeof v.seq === "number") {
    return { action: v.action as QueueAction["action"], turn: v.turn, seq: v.seq };
  }
  const keys = Object.keys(v);
  if (keys.length === 1 && KINDS.has(keys[0]!)) {
    const inner = v[keys[0]!] as Record<string, unknown> | null;
    if (inner && typeof inner.turn === "number" && typeof inner.seq === "number") {
      return { action: keys[0] as QueueAction["action"], turn: inner.turn, seq: inner.seq };
    }
  }
  return null;
}

export function normalizeActions(value: unknown): QueueAction[] {
  return Array.isArray(value) ? value.map(normalizeAction).filter((a): a is QueueAction => a !== null) : [];
}

/** `{status: "speaking", turn, seq}`, a bare `"idle"`, or `{speaking: {turn, seq}}`. */
export function normalizeStatus(value: unknown): QueueStatus {
  if (typeof value === "string") return { status: value === "speaking" || value === "waiting" ? value : "idle" };
  if (typeof value !== "object" || value === null) return { status: "idle" };
  const v = value as Record<string, unknown>;
  const pick = (name: unknown, inner: Record<string, unknown>): QueueStatus => {
    const status = name === "speaking" || name === "waiting" ? name : "idle";
    return {
      status,
      ...(typeof inner.turn === "number" ? { turn: inner.turn } : {}),
      ...(typeof inner.seq === "number" ? { seq: inner.seq } : {}),
    };
  };
  if (typeof v.status === "string") return pick(v.status, v);
  const keys = Object.keys(v);
  if (keys.length === 1) {
    const inner = v[keys[0]!];
    return pick(keys[0], typeof inner === "object" && inner !== null ? (inner as Record<string, unknown>) : {});
  }
  return { status: "idle" };
}

interface RawQueue {
  beginTurn(turn: number, segments: number, nowMs: number): unknown;
  segmentReady(turn: number, seq: number, bytes: number, nowMs: number): unknown;
  segmentFailed(turn: number, seq: number, nowMs: number): unknown;
  playbackEnded(turn: number, seq: number, nowMs: number): unknown;
  bargeIn(nowMs: number): unknown;
  tick(nowMs: number): unknown;
  status(): unknown;
}

/** Wrap the wasm object so every call returns the typed shapes. */
export function normalizeQueue(raw: unknown): AudioQueueLike {
  const q = raw as RawQueue;
  return {
    beginTurn: (turn, segments, now) => normalizeActions(q.beginTurn(turn, segments, now)),
    segmentReady: (turn, seq, bytes, now) => normalizeActions(q.segmentReady(turn, seq, bytes, now)),
    segmentFailed: (turn, seq, now) => normalizeActions(q.segmentFailed(turn, seq, now)),
    playbackEnded: (turn, seq, now) => normalizeActions(q.playbackEnded(turn, seq, now)),
    bargeIn: (now) => normalizeActions(q.bargeIn(now)),
    tick: (now) => normalizeActions(q.tick(now)),
    status: () => normalizeStatus(q.status()),
  };
}
