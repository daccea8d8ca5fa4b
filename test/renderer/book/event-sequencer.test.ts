import { describe, expect, it } from 'vitest';
import type { BookEvent, MissedEvents } from '../../../shared/protocol/contract';
import type { Result } from '../../../shared/protocol/result';
import { EventSequencer } from '../../../renderer/book/event-sequencer';

const event = (seq: number, by = 'tab:other', stream = 's'): BookEvent => ({
  stream,
  seq,
  changed: [],
  deleted: [],
  reload: false,
  savedAt: '',
  label: `step ${seq}`,
  undoLabel: null,
  redoLabel: null,
  parties: false,
  scenarios: false,
  by,
});

function setup(options: { missed?: (after: number) => Result<MissedEvents>; reloadTo?: number } = {}) {
  const applied: string[] = [];
  const asked: number[] = [];
  let reloads = 0;
  const sequencer = new EventSequencer(
    { stream: 's', seq: 0 },
    {
      me: 'tab:me',
      apply: (e, own) => void applied.push(`${e.seq}${own ? ' own' : ''}`),
      missed: async (head) => {
        asked.push(head.seq);
        return options.missed?.(head.seq) ?? { ok: true, value: { reset: false, events: [] } };
      },
      reload: async () => {
        reloads++;
        return { stream: 's', seq: options.reloadTo ?? 0 };
      },
    },
  );
  return { sequencer, applied, asked, reloads: () => reloads };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('a window puts its events in order', () => {
  it('applies pushed events by seq, each once, whatever order they come in', async () => {
    const { sequencer, applied } = setup();
    sequencer.pushed(event(2));
    sequencer.pushed(event(1));
    sequencer.pushed(event(1));
    sequencer.pushed(event(3));
    await settle();
    expect(applied).toEqual(['1', '2', '3']);
    expect(sequencer.current()).toEqual({ stream: 's', seq: 3 });
  });

  it("holds its own step pushed before the write's answer, then applies the answer as its own, once", async () => {
    const { sequencer, applied } = setup();
    sequencer.sending();
    sequencer.pushed(event(1, 'tab:me'));
    sequencer.pushed(event(2));
    await settle();
    expect(applied).toEqual([]);
    await sequencer.answered(event(1, 'tab:me'));
    await settle();
    expect(applied).toEqual(['1 own', '2']);
  });

  it('an answer waits for the events before it, and resolves once it is shown', async () => {
    const { sequencer, applied } = setup();
    sequencer.sending();
    let shown = false;
    const done = sequencer.answered(event(2, 'tab:me')).then(() => (shown = true));
    await settle();
    expect(shown).toBe(false);
    sequencer.pushed(event(1));
    await done;
    expect(applied).toEqual(['1', '2 own']);
  });

  it('applies its own step pushed when no write of it is on its way (an import answered without an event)', async () => {
    const { sequencer, applied } = setup();
    sequencer.pushed(event(1, 'tab:me'));
    await settle();
    expect(applied).toEqual(['1']);
  });

  it('asks for what it missed when a gap stays open', async () => {
    const { sequencer, applied, asked } = setup({ missed: () => ({ ok: true, value: { reset: false, events: [event(1), event(2)] } }) });
    sequencer.pushed(event(3));
    await new Promise((r) => setTimeout(r, 400));
    expect(asked).toEqual([0]);
    expect(applied).toEqual(['1', '2', '3']);
  });

  it('reloads when the missed events are no longer kept, or come from another stream', async () => {
    const lost = setup({ missed: () => ({ ok: true, value: { reset: true, stream: 's', seq: 9 } }), reloadTo: 9 });
    await lost.sequencer.catchUp();
    expect(lost.reloads()).toBe(1);
    expect(lost.sequencer.current().seq).toBe(9);
    lost.sequencer.pushed(event(9));
    lost.sequencer.pushed(event(10));
    await settle();
    expect(lost.applied).toEqual(['10']);

    const other = setup({ reloadTo: 4 });
    other.sequencer.pushed(event(1, 'tab:x', 'restarted'));
    await settle();
    expect(other.reloads()).toBe(1);
    expect(other.applied).toEqual([]);
  });

  it('a failed write lets its held events go', async () => {
    const { sequencer, applied } = setup();
    sequencer.sending();
    sequencer.pushed(event(1, 'tab:me'));
    await settle();
    expect(applied).toEqual([]);
    sequencer.failed();
    await settle();
    expect(applied).toEqual(['1']);
  });
});
