import { Box, Button, Group, Text, Title } from "@mantine/core";
import { useElementSize, useWindowEvent } from "@mantine/hooks";
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import type { Matrix } from "../../../contracts/cohort.ts";
import { type DrawnChart, drawMatrix } from "./chart-plot.ts";
import { dotSentence } from "./describe.ts";
import { DotCard } from "./dot-card.tsx";
import { downloadPng, downloadSvg } from "./export-chart.ts";
import type { SchoolStyle } from "./school-style.ts";
import { usePresentation } from "./use-presentation.ts";

const CARD_WIDTH = 330;

/**
 * The matrix chart: drawn by Observable Plot, with a layer of buttons over the
 * dots so every pupil can be reached by keyboard (arrow keys move between them,
 * in the table's order) and shows its card on focus or hover.
 */
export function MatrixChart({
  matrix,
  styles,
  title,
  subtitle,
  period,
  exportName,
  csvUrl,
}: {
  matrix: Matrix;
  styles: Map<string, SchoolStyle>;
  title: string;
  subtitle: string;
  /** The two points, for the presentation's heading: "Autumn 1 2026/27 → Autumn 2 2026/27". */
  period: string;
  /** The file name of downloads, without extension. */
  exportName: string;
  csvUrl: string;
}) {
  const stage = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const { ref: measure, width: measured } = useElementSize();
  const presentation = usePresentation(stage);
  const [viewport, setViewport] = useState({ w: window.innerWidth, h: window.innerHeight });
  useWindowEvent("resize", () => setViewport({ w: window.innerWidth, h: window.innerHeight }));
  const [drawn, setDrawn] = useState<DrawnChart | null>(null);
  const [active, setActive] = useState(0);
  const [focused, setFocused] = useState<string | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  // Where the pointer last was, and where it was when a dot was last reached by keyboard.
  const pointer = useRef({ x: Number.NaN, y: Number.NaN });
  const keyboardAt = useRef<{ x: number; y: number } | null>(null);
  useWindowEvent("mousemove", (event) => {
    pointer.current = { x: event.clientX, y: event.clientY };
  });

  const large = presentation.on;
  const width = Math.round(large ? viewport.w - 48 : Math.max(measured, 320));
  const height = Math.round(large ? viewport.h - 110 : Math.min(Math.max(width * 0.62, 380), 680));

  useEffect(() => {
    if (!host.current || measured === 0) return;
    const chart = drawMatrix(matrix, styles, { width, height, large });
    chart.svg.setAttribute("aria-hidden", "true");
    host.current.replaceChildren(chart.svg);
    setDrawn(chart);
  }, [matrix, styles, width, height, large, measured]);

  const dots = matrix.dots.filter((d) => drawn?.positions.has(d.key));
  const index = Math.min(active, Math.max(dots.length - 1, 0));
  const shown = hovered ?? focused;
  const shownDot = dots.find((d) => d.key === shown);
  const shownAt = shown ? drawn?.positions.get(shown) : undefined;

  const move = (event: KeyboardEvent, from: number) => {
    const last = dots.length - 1;
    const to =
      event.key === "ArrowRight" || event.key === "ArrowDown"
        ? Math.min(from + 1, last)
        : event.key === "ArrowLeft" || event.key === "ArrowUp"
          ? Math.max(from - 1, 0)
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    if (event.key === "Escape" && !presentation.on) {
      setFocused(null);
      return;
    }
    if (to === null) return;
    event.preventDefault();
    setActive(to);
    const key = dots[to]?.key;
    if (key) buttons.current.get(key)?.focus();
  };

  const cardStyle = (at: { left: number; top: number }): React.CSSProperties => {
    const r = drawn?.radius ?? 7;
    const right = at.left + r + 14;
    return {
      position: "absolute",
      width: CARD_WIDTH,
      left: right + CARD_WIDTH > width ? Math.max(at.left - r - 14 - CARD_WIDTH, 0) : right,
      // A dot in the lower half hangs its card above it (the card's bottom near the dot),
      // so however tall the card grows it never runs past the chart's bottom edge.
      ...(at.top > height / 2
        ? { top: Math.min(at.top + 40, height - 4), transform: "translateY(-100%)" }
        : { top: Math.max(at.top - 40, 4) }),
    };
  };

  const [exportError, setExportError] = useState<string | null>(null);
  const savePng = () => {
    if (!drawn) return;
    setExportError(null);
    downloadPng(drawn.svg, title, subtitle, exportName).catch((error: unknown) =>
      setExportError(error instanceof Error ? error.message : "The PNG could not be made."),
    );
  };

  return (
    <div ref={measure} className="matrix-measure">
      <Group gap="sm" mb="sm" className="no-print" wrap="wrap">
        <Button onClick={() => void presentation.enter()} disabled={!drawn}>
          Present full screen
        </Button>
        <Button variant="default" onClick={savePng} disabled={!drawn}>
          Download PNG
        </Button>
        <Button
          variant="default"
          onClick={() => drawn && downloadSvg(drawn.svg, title, subtitle, exportName)}
          disabled={!drawn}
        >
          Download SVG
        </Button>
        <Button variant="default" component="a" href={csvUrl} download>
          Download CSV
        </Button>
        {exportError ? (
          <Text size="sm" c="red.9" role="alert">
            {exportError}
          </Text>
        ) : null}
      </Group>
      <div ref={stage} className={`matrix-stage${large ? " is-presenting" : ""}`}>
        {large ? (
          <Group justify="space-between" align="flex-start" px="lg" pt="sm" wrap="nowrap">
            <div>
              <Title order={2} fz={30}>
                {title}
              </Title>
              <Text fz={22}>{period}</Text>
            </div>
            <Button
              size="md"
              variant="default"
              onClick={presentation.leave}
              style={{ flexShrink: 0 }}
            >
              Leave presentation (Esc)
            </Button>
          </Group>
        ) : null}
        <Box pos="relative" w={width} h={height} mx={large ? "lg" : 0} className="matrix-plot">
          <div ref={host} />
          <fieldset
            aria-label={`${title}: ${dots.length} pupils on the chart. Use the arrow keys to move from pupil to pupil.`}
            className="matrix-overlay"
          >
            {dots.map((dot, i) => {
              const at = drawn?.positions.get(dot.key);
              if (!at || !drawn) return null;
              const size = drawn.radius * 2 + 10;
              const school = styles.get(dot.schoolCode);
              return (
                <button
                  key={dot.key}
                  ref={(el) => {
                    if (el) buttons.current.set(dot.key, el);
                    else buttons.current.delete(dot.key);
                  }}
                  type="button"
                  className="matrix-dot"
                  data-testid="matrix-dot"
                  data-label={dot.label}
                  data-school={dot.schoolCode}
                  tabIndex={i === index ? 0 : -1}
                  aria-label={dotSentence(matrix, dot, school?.name ?? dot.schoolCode)}
                  style={{
                    left: at.left - size / 2,
                    top: at.top - size / 2,
                    width: size,
                    height: size,
                  }}
                  onFocus={(event) => {
                    setActive(i);
                    setFocused(dot.key);
                    if (event.currentTarget.matches(":focus-visible")) {
                      // Reached by keyboard: this dot's card, not the one the resting
                      // pointer covers, until the pointer really moves.
                      keyboardAt.current = { ...pointer.current };
                      setHovered(null);
                    }
                  }}
                  onBlur={() => setFocused((k) => (k === dot.key ? null : k))}
                  onMouseEnter={(event) => {
                    // Focus can scroll the chart under a pointer that has not moved; the
                    // browser then reports it entering a dot. Only a real move counts.
                    const kb = keyboardAt.current;
                    if (kb && kb.x === event.clientX && kb.y === event.clientY) return;
                    keyboardAt.current = null;
                    setHovered(dot.key);
                  }}
                  onMouseLeave={() => setHovered((k) => (k === dot.key ? null : k))}
                  onKeyDown={(event) => move(event, i)}
                />
              );
            })}
          </fieldset>
          {shownDot && shownAt ? (
            <DotCard
              id="matrix-dot-card"
              matrix={matrix}
              dot={shownDot}
              school={styles.get(shownDot.schoolCode)}
              style={cardStyle(shownAt)}
            />
          ) : null}
        </Box>
      </div>
    </div>
  );
}
