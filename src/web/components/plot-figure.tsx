import type { PlotOptions } from "@observablehq/plot";
import * as Plot from "@observablehq/plot";
import { type ReactNode, useEffect, useRef, useState } from "react";
import "./data-views.css";

/**
 * An Observable Plot chart, drawn into a div as SVG and redrawn when its
 * options or its width change. The chart is one image for screen readers,
 * named by `label`; every chart also has a table or text equivalent nearby.
 */
export function PlotFigure({
  options,
  label,
  caption,
  height = 240,
}: {
  /** Everything but the width and height, which follow the space the chart has. */
  options: Omit<PlotOptions, "width" | "height">;
  label: string;
  caption?: ReactNode;
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(container);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const container = ref.current;
    if (!container || width <= 0) return;
    const chart = Plot.plot({
      ...options,
      width: Math.round(width),
      height,
      style: { fontSize: "12px", background: "transparent", overflow: "visible" },
    });
    // The figure is one image named by `label`: Plot's labels for its parts would be noise.
    chart.setAttribute("aria-hidden", "true");
    for (const part of chart.querySelectorAll("[aria-label], [aria-description]")) {
      part.removeAttribute("aria-label");
      part.removeAttribute("aria-description");
    }
    container.replaceChildren(chart);
    return () => chart.remove();
  }, [options, width, height]);

  return (
    <figure className="plot-figure print-avoid-break">
      <div ref={ref} role="img" aria-label={label} style={{ minHeight: height }} />
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  );
}

/** The Okabe–Ito colours used for disadvantaged pupils and the others (with shapes, never alone). */
export const GROUP_COLOURS = { disadvantaged: "#D55E00", other: "#0072B2" } as const;
