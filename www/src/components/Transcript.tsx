import { useEffect, useRef } from "react";
import type { TranscriptEntry } from "../lib/session";

export function Transcript({ entries }: { entries: TranscriptEntry[] }) {
  const end = useRef<HTMLLIElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: "end", behavior: "smooth" });
  }, [entries.length]);
  return (
    <section className="transcript" aria-label="Conversation">
      <ol data-testid="transcript" tabIndex={0} aria-label="Conversation transcript">
        {entries.map((e) => (
          <li key={e.id} className={`msg ${e.who}`} data-who={e.who}>
            <span className="who">{e.who === "alex" ? "Alex" : "You"}</span>
            <span className="text">{e.text}</span>
          </li>
        ))}
        <li ref={end} aria-hidden="true" className="end" />
      </ol>
    </section>
  );
}
