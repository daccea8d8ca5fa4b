import { useEffect, useState, type RefObject } from 'react';

/**
 * Which chart cards (the children of `container`, by data-testid) have any part on screen: the charts pane
 * scrolls, and at its usual height only the first row of cards shows. Every card counts as on screen until the
 * first observation says otherwise.
 */
export function useCardsInView(container: RefObject<HTMLElement | null>): (testId: string) => boolean {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  useEffect(() => {
    const root = container.current;
    if (!root || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      setHidden((before) => {
        const next = new Set(before);
        for (const e of entries) {
          const id = (e.target as HTMLElement).dataset.testid;
          if (!id) continue;
          if (e.isIntersecting) next.delete(id);
          else next.add(id);
        }
        return next.size === before.size && [...next].every((id) => before.has(id)) ? before : next;
      });
    });
    for (const card of root.children) observer.observe(card);
    return () => observer.disconnect();
  }, [container]);
  return (testId) => !hidden.has(testId);
}

/**
 * `value` as of the last frame painted: it follows a change one frame late, in a task after that frame. Cards
 * off screen take a scenario switch this way, so the frame that shows the switch is not held up by numbers no
 * one can see yet; they catch up right after it.
 */
export function useFrameLate<T>(value: T): T {
  const [late, setLate] = useState(value);
  useEffect(() => {
    if (Object.is(late, value)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => void (timer = setTimeout(() => setLate(() => value), 0)));
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [value, late]);
  return late;
}
