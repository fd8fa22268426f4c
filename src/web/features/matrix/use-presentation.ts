import { type RefObject, useCallback, useEffect, useState } from "react";

/**
 * Presentation mode for the trio meeting: the chart's container goes full
 * screen (Fullscreen API); Escape leaves. Where the browser refuses full
 * screen, the container fills the window instead and Escape still leaves.
 */
export function usePresentation(target: RefObject<HTMLElement | null>) {
  const [on, setOn] = useState(false);

  useEffect(() => {
    const changed = () =>
      setOn(document.fullscreenElement === target.current && target.current !== null);
    document.addEventListener("fullscreenchange", changed);
    return () => document.removeEventListener("fullscreenchange", changed);
  }, [target]);

  useEffect(() => {
    if (!on) return;
    // Browsers leave full screen on Escape themselves; this covers the fallback and embedded browsers.
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      if (document.fullscreenElement) void document.exitFullscreen();
      else setOn(false);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [on]);

  const enter = useCallback(async () => {
    const element = target.current;
    if (!element) return;
    try {
      await element.requestFullscreen();
    } catch {
      setOn(true);
    }
  }, [target]);

  const leave = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else setOn(false);
  }, []);

  return { on, enter, leave };
}
