/** POST /api/chat: a bounded chat completion through Groq -> {content, model}. */

import { isRecord, parseJson } from "./_lib/body.js";
import { HttpError } from "./_lib/errors.js";
import { route } from "./_lib/route.js";
import { callUpstream, upstreamJson } from "./_lib/upstream.js";

export const MAX_CHAT_BODY_BYTES = 64 * 1024;
export const MAX_MESSAGES = 24;
export const MAX_MESSAGE_CHARS = 12_000;
export const MAX_TOKENS = 300;
const ROLES = new Set(["system", "user", "assistant"]);
/** Models the app may ask for (besides GROQ_CHAT_MODEL): small, fast, current. */
export const CHAT_MODELS = ["llama-3.3-70b-versatile", "llama-3.1-8b-instant", "openai/gpt-oss-20b"];

interface ChatMessage {
  role: string;
  content: string;
}

function parseMessages(value: unknown): ChatMessage[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new HttpError("bad_request", "`messages` must be a non-empty array.");
  }
  if (value.length > MAX_MESSAGES) {
    throw new HttpError("payload_too_large", `At most ${MAX_MESSAGES} messages.`);
  }
  return value.map((m) => {
    if (!isRecord(m) || typeof m.role !== "string" || !ROLES.has(m.role) || typeof m.content !== "string") {
      throw new HttpError("bad_request", "Each message needs a role (system|user|assistant) and string content.");
    }
    if (m.content.length > MAX_MESSAGE_CHARS) {
      throw new HttpError("payload_too_large", `A message is over ${MAX_MESSAGE_CHARS} characters.`);
    }
    return { role: m.role, content: m.content };
  });
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export const handler = route({
  methods: ["POST"],
  rateLimited: true,
  key: { read: (config) => config.groqKey, missing: "The language model is not configured." },
  body: { type: "application/json", maxBytes: MAX_CHAT_BODY_BYTES },
  async run(_req, config, bytes, groqKey) {
    const body = parseJson(bytes);
    if (!isRecord(body)) throw new HttpError("bad_request", "Send a JSON object.");

    const allowed = new Set([config.chatModel, ...CHAT_MODELS]);
    const model = body.model === undefined ? config.chatModel : body.model;
    if (typeof model !== "string" || !allowed.has(model)) {
      throw new HttpError("bad_request", "That model is not available.");
    }
    const messages = parseMessages(body.messages);
    const temperature = typeof body.temperature === "number" && Number.isFinite(body.temperature)
      ? clamp(body.temperature, 0, 1)
      : 0.2;
    const maxTokens = typeof body.max_tokens === "number" && Number.isFinite(body.max_tokens)
      ? clamp(Math.floor(body.max_tokens), 1, MAX_TOKENS)
      : MAX_TOKENS;
    const jsonMode = isRecord(body.response_format) && body.response_format.type === "json_object";
    if (body.response_format !== undefined && !jsonMode) {
      throw new HttpError("bad_request", "Only response_format {\"type\": \"json_object\"} is supported.");
    }

    const upstream = await callUpstream(
      `${config.groqBaseUrl}/openai/v1/chat/completions`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${groqKey}`, "content-type": "application/json" },
        body: JSON.stringify({
          model,
          messages,
          temperature,
          max_completion_tokens: maxTokens,
          stream: false,
          ...(jsonMode ? { response_format: { type: "json_object" } } : {}),
        }),
      },
      config.upstreamTimeoutMs,
    );
    const answer = await upstreamJson(upstream);
    const choices = isRecord(answer) && Array.isArray(answer.choices) ? answer.choices : [];
    const first: unknown = choices[0];
    const message = isRecord(first) && isRecord(first.message) ? first.message : null;
    if (!message || typeof message.content !== "string") {
      throw new HttpError("upstream_error", "The language model sent an unexpected answer.");
    }
    return Response.json({ content: message.content, model });
  },
});

export default { fetch: handler };
