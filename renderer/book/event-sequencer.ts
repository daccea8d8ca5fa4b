import type { BookEvent, MissedEvents } from '../../shared/protocol/contract';
import type { Result } from '../../shared/protocol/result';
import type { EventHead } from '../api/event-feed';

// A gap (an event after one not yet seen) usually closes by itself within milliseconds: a write's answer and the
// pushed events travel separately. Past this, the window asks for what it missed.
const GAP_WAIT_MS = 150;

export type SequencerOptions = {
  /** How events name this window's own steps (bookInfo's `caller`). */
  me: string;
  /** Show one event; `own` when it answers a write of this window (its hooks run). */
  apply: (event: BookEvent, own: boolean) => Promise<void> | void;
  missed: (head: EventHead) => Promise<Result<MissedEvents>>;
  /** Events were lost for good: read everything again; answers the head the fresh state stands at. */
  reload: () => Promise<EventHead | null>;
};

/**
 * Puts a window's events in order: pushed ones (every window's steps, other programs' too) and the answers to its
 * own writes, applied exactly once each, by `seq`. A step of this window that arrives pushed while its write is
 * still on its way waits for the answer (which runs the write's hooks); a gap is filled by asking for what was
 * missed; lost events mean a reload. So a window is never more than one event behind the book.
 */
export class EventSequencer {
  private head: EventHead;
  private readonly pending = new Map<number, { event: BookEvent; answered: boolean }>();
  private readonly waiting = new Map<number, (() => void)[]>();
  private draining = false;
  private gapTimer: ReturnType<typeof setTimeout> | null = null;
  /** Writes of this window sent and not answered yet. */
  private inFlight = 0;
  private answeredUpTo = 0;

  constructor(
    head: EventHead,
    private readonly options: SequencerOptions,
  ) {
    this.head = { ...head };
  }

  /** Where the window stands (a reconnecting stream resumes after it). */
  current(): EventHead {
    return { ...this.head };
  }

  /** A write of this window is on its way; call `answered` or `failed` with its answer. */
  sending(): void {
    this.inFlight++;
  }

  failed(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    void this.drain();
  }

  /** A write's answer: resolves once it (and every event before it) is shown. */
  answered(event: BookEvent): Promise<void> {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.answeredUpTo = Math.max(this.answeredUpTo, event.seq);
    const done = this.whenApplied(event.seq);
    this.offer(event, true);
    return done;
  }

  /** An event pushed by the book (or handed back when catching up). */
  pushed(event: BookEvent): void {
    this.offer(event, false);
  }

  /** The book says the window's events are lost (a reset): reload. */
  reset(): void {
    void this.reload();
  }

  /** Ask for anything missed now, and resolve once it is shown (after an import, say). */
  async catchUp(): Promise<void> {
    const answer = await this.options.missed(this.current());
    if (!answer.ok) return;
    if (answer.value.reset) return this.reload();
    for (const event of answer.value.events) this.offer(event, false);
    const last = answer.value.events.at(-1)?.seq;
    if (last !== undefined) await this.whenApplied(last);
  }

  private offer(event: BookEvent, answer: boolean): void {
    if (event.stream !== this.head.stream) return this.reset();
    if (event.seq <= this.head.seq) return this.release(event.seq);
    // The answer is kept over the same event pushed: it may say more (addDeal's new id).
    const known = this.pending.get(event.seq);
    if (!known?.answered) this.pending.set(event.seq, { event, answered: answer });
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (;;) {
        const next = this.pending.get(this.head.seq + 1);
        if (!next) break;
        const own = next.event.by === this.options.me;
        // This window's step, pushed before its answer came: the answer (with the write's hooks) is due.
        if (own && !next.answered && this.inFlight > 0 && next.event.seq > this.answeredUpTo) break;
        this.pending.delete(next.event.seq);
        try {
          await this.options.apply(next.event, own && next.answered);
        } finally {
          this.head.seq = next.event.seq;
          this.release(next.event.seq);
        }
      }
    } finally {
      this.draining = false;
    }
    this.watchGap();
  }

  private watchGap(): void {
    const waitingFor = this.pending.size > 0 && !this.pending.has(this.head.seq + 1);
    if (!waitingFor) {
      if (this.gapTimer) clearTimeout(this.gapTimer);
      this.gapTimer = null;
      return;
    }
    if (this.gapTimer) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.pending.size > 0 && !this.pending.has(this.head.seq + 1)) void this.catchUp();
    }, GAP_WAIT_MS);
  }

  private async reload(): Promise<void> {
    const head = await this.options.reload();
    if (!head) return;
    const wasAt = this.head.seq;
    const sameStream = head.stream === this.head.stream;
    this.head = { ...head };
    for (const seq of [...this.pending.keys()]) if (!sameStream || seq <= head.seq) this.pending.delete(seq);
    // Writes answered meanwhile are shown by the reload.
    for (const seq of [...this.waiting.keys()]) if (!sameStream || seq <= head.seq || seq <= wasAt) this.release(seq);
    void this.drain();
  }

  private whenApplied(seq: number): Promise<void> {
    if (seq <= this.head.seq) return Promise.resolve();
    return new Promise((resolve) => this.waiting.set(seq, [...(this.waiting.get(seq) ?? []), resolve]));
  }

  private release(seq: number): void {
    for (const [s, resolvers] of this.waiting) {
      if (s > seq) continue;
      this.waiting.delete(s);
      resolvers.forEach((r) => r());
    }
  }
}
