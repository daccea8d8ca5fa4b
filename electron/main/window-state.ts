import { z } from 'zod';

export type Rect = { x: number; y: number; width: number; height: number };
export type WindowState = { bounds: Rect; maximized: boolean };

const rect = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().min(1), height: z.number().int().min(1) });
export const windowStateSchema = z.object({ bounds: rect, maximized: z.boolean() });

export const DEFAULT_SIZE = { width: 1400, height: 900 };
const MIN_SIZE = { width: 640, height: 420 };
const CASCADE = 28;

/**
 * Where a new window goes: the remembered bounds if they still land on a screen (a monitor may have been
 * unplugged), clamped to that screen; otherwise centred on the primary one. Windows opened while others are
 * showing are cascaded so they don't sit exactly on top of each other.
 */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rect[], taken: readonly Rect[] = []): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  let bounds: Rect;
  let maximized = false;
  const screen = saved ? screenOf(saved.bounds, workAreas) : undefined;
  if (saved && screen) {
    bounds = clamp(saved.bounds, screen);
    maximized = saved.maximized;
  } else {
    const width = Math.min(DEFAULT_SIZE.width, primary.width);
    const height = Math.min(DEFAULT_SIZE.height, primary.height);
    bounds = { x: primary.x + Math.round((primary.width - width) / 2), y: primary.y + Math.round((primary.height - height) / 2), width, height };
  }
  const area = screen ?? primary;
  for (let i = 0; i < 20 && taken.some((t) => t.x === bounds.x && t.y === bounds.y); i++) {
    bounds = clamp({ ...bounds, x: bounds.x + CASCADE, y: bounds.y + CASCADE }, area);
  }
  return { bounds, maximized };
}

function clamp(b: Rect, area: Rect): Rect {
  const width = Math.max(Math.min(b.width, area.width), Math.min(MIN_SIZE.width, area.width));
  const height = Math.max(Math.min(b.height, area.height), Math.min(MIN_SIZE.height, area.height));
  const x = Math.min(Math.max(b.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(b.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** The screen showing most of the rectangle, if it shows a fair part of it. */
function screenOf(b: Rect, workAreas: readonly Rect[]): Rect | undefined {
  let best: Rect | undefined;
  let bestOverlap = 0;
  for (const area of workAreas) {
    const o = overlap(area, b);
    if (o > bestOverlap) [best, bestOverlap] = [area, o];
  }
  if (!best) return undefined;
  return bestOverlap >= 0.25 * Math.min(size(b), size(best)) ? best : undefined;
}

function size(r: Rect): number {
  return r.width * r.height;
}
