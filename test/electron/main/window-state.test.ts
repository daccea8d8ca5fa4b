import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, placeWindow, type Rect } from '../../../electron/main/window-state';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1080 };
const right: Rect = { x: 1920, y: 0, width: 2560, height: 1440 };

describe('remembered window placement', () => {
  it('restores the saved bounds and maximized state when they are on a screen', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1200, height: 800 }, maximized: true };
    expect(placeWindow(saved, [laptop, right])).toEqual(saved);
  });

  it('centres a first window on the primary screen', () => {
    const placed = placeWindow(null, [laptop]);
    expect(placed).toEqual({
      bounds: { x: (1920 - DEFAULT_SIZE.width) / 2, y: (1080 - DEFAULT_SIZE.height) / 2, ...DEFAULT_SIZE },
      maximized: false,
    });
  });

  it('brings back a window whose monitor was unplugged', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1200, height: 800 }, maximized: false };
    const placed = placeWindow(saved, [laptop]);
    expect(placed.bounds.x + placed.bounds.width).toBeLessThanOrEqual(1920);
    expect(placed.bounds.x).toBeGreaterThanOrEqual(0);
  });

  it('shrinks a window larger than its screen and keeps it on the screen', () => {
    const saved = { bounds: { x: -50, y: -20, width: 3000, height: 2000 }, maximized: false };
    expect(placeWindow(saved, [laptop]).bounds).toEqual(laptop);
  });

  it('cascades a second window instead of covering the first', () => {
    const first = placeWindow(null, [laptop]).bounds;
    const second = placeWindow(null, [laptop], [first]).bounds;
    expect(second.x).toBe(first.x + 28);
    expect(second.y).toBe(first.y + 28);
    const third = placeWindow(null, [laptop], [first, second]).bounds;
    expect(third).not.toEqual(second);
  });

  it('never places a window off every screen, whatever was saved', () => {
    for (const bounds of [
      { x: 100_000, y: 100_000, width: 800, height: 600 },
      { x: -5000, y: 0, width: 800, height: 600 },
      { x: 0, y: 1079, width: 800, height: 600 },
    ]) {
      const placed = placeWindow({ bounds, maximized: false }, [laptop, right]).bounds;
      const visible = [laptop, right].some((s) => placed.x >= s.x && placed.y >= s.y && placed.x + placed.width <= s.x + s.width && placed.y + placed.height <= s.y + s.height);
      expect(visible).toBe(true);
    }
  });
});
