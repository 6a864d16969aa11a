/** Space held anywhere (outside text fields and other controls) talks; released, it sends. */

import { useEffect } from "react";

export function useSpaceToTalk(enabled: boolean, press: () => void, release: () => void): void {
  useEffect(() => {
    if (!enabled) return;
    const isFree = (target: EventTarget | null) =>
      !(target instanceof HTMLElement) || !target.closest("input, textarea, select, button, a, [contenteditable]");
    const down = (e: KeyboardEvent) => {
      if (e.code === "Space" && !e.repeat && isFree(e.target)) {
        e.preventDefault();
        press();
      }
    };
    const up = (e: KeyboardEvent) => {
      if (e.code === "Space" && isFree(e.target)) {
        e.preventDefault();
        release();
      }
    };
    window.addEventListener("keydown", down);
    window.addEventListener("keyup", up);
    return () => {
      window.removeEventListener("keydown", down);
      window.removeEventListener("keyup", up);
    };
  }, [enabled, press, release]);
}
