import { useEffect, useRef } from "react";
import type { TranscriptEntry } from "../lib/session";

export function Transcript({ entries }: { entries: TranscriptEntry[] }) {
  const end = useRef<HTMLLIElement>(null);
  const list = useRef<HTMLOListElement>(null);
  // Only the list scrolls to its newest line, never the page: on a phone the current step's
  // content (offers, the booking card) stays where the caller is looking.
  useEffect(() => {
    const ol = list.current;
    ol?.scrollTo?.({ top: ol.scrollHeight, behavior: "smooth" });
  }, [entries.length]);
  return (
    <section className="transcript" aria-label="Conversation">
      <ol ref={list} data-testid="transcript" tabIndex={0} aria-label="Conversation transcript">
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
