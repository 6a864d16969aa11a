/** Alex's output level while he speaks (server voice; the browser's voice has no level to
 * read, so the meter shows a steady middle). */
import { useEffect, useState } from "react";
import { voiceLevel } from "./web-audio";

export function useAlexLevel(speaking: boolean): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!speaking) {
      setLevel(0);
      return;
    }
    const timer = setInterval(() => setLevel(voiceLevel() || 0.4), 80);
    return () => clearInterval(timer);
  }, [speaking]);
  return level;
}
