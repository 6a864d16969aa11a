import type { Tiers } from "../agent/types";
import { recognitionSupported } from "../voice/support";

export function TierBadges({ tiers }: { tiers: Tiers | null }) {
  if (!tiers) return <p className="tiers">Checking services…</p>;
  const items = [
    { key: "stt", label: "Speech recognition", on: tiers.stt, off: recognitionSupported() ? "browser's" : "off (type instead)" },
    { key: "llm", label: "Language model", on: tiers.llm, off: "off (rules only)" },
    { key: "tts", label: "Voice", on: tiers.tts, off: "browser voice" },
  ];
  return (
    <ul className="tiers" aria-label="Active services" data-testid="tiers">
      {items.map((t) => (
        <li key={t.key} className={t.on ? "tier on" : "tier off"} data-tier={t.key} data-on={t.on}>
          {t.label}: {t.on ? "on" : t.off}
        </li>
      ))}
    </ul>
  );
}
