import { describe, expect, it } from 'vitest';
import { RefusalComebacks } from '../../../renderer/grid/refusal-comeback';

const REFUSAL = { text: '3/4/2025', reason: 'ambiguous' };

describe('a refused edit coming back into its editor', () => {
  it('comes back once, when nothing happened since the key that sent it (its own move down does not count)', () => {
    const comebacks = new RefusalComebacks();
    comebacks.inputBegan();
    const sent = comebacks.sent('7', 'announced');
    // Enter goes down a row in the same key press.
    comebacks.movedTo('8', 'announced');
    expect(comebacks.refused(sent, REFUSAL)).toBe(true);
    expect(comebacks.reopening(sent)).toBe(true);
    comebacks.movedTo('7', 'announced');
    expect(comebacks.take('7', 'announced', false)).toEqual(REFUSAL);
    expect(comebacks.take('7', 'announced', false)).toBeNull();
  });

  it('does not come back after Escape, pressed before the refusal or after it', () => {
    const comebacks = new RefusalComebacks();
    comebacks.inputBegan();
    const before = comebacks.sent('7', 'announced');
    comebacks.inputBegan();
    comebacks.giveUpAll();
    expect(comebacks.refused(before, REFUSAL)).toBe(false);

    comebacks.inputBegan();
    const after = comebacks.sent('7', 'announced');
    expect(comebacks.refused(after, REFUSAL)).toBe(true);
    comebacks.inputBegan();
    comebacks.giveUpAll();
    expect(comebacks.reopening(after)).toBe(false);
    expect(comebacks.take('7', 'announced', false)).toBeNull();
  });

  it('does not come back once the analyst went to another cell, or began editing one, with a later key or click', () => {
    const comebacks = new RefusalComebacks();
    comebacks.inputBegan();
    const moved = comebacks.sent('7', 'amount_usd');
    comebacks.inputBegan();
    comebacks.movedTo('9', 'capacity_mw');
    expect(comebacks.refused(moved, REFUSAL)).toBe(false);

    const stayed = comebacks.sent('7', 'amount_usd');
    comebacks.inputBegan();
    comebacks.movedTo('7', 'amount_usd');
    expect(comebacks.refused(stayed, REFUSAL)).toBe(true);
    comebacks.inputBegan();
    comebacks.movedTo('draft', 'from_party');
    expect(comebacks.reopening(stayed)).toBe(false);
  });

  it('gives way to an editor the analyst opens with a key in that cell: a new edit, from that key', () => {
    const comebacks = new RefusalComebacks();
    const sent = comebacks.sent('7', 'amount_usd');
    comebacks.refused(sent, REFUSAL);
    expect(comebacks.take('7', 'amount_usd', true)).toBeNull();
    expect(comebacks.reopening(sent)).toBe(false);
  });

  it('keeps a saved edit from coming back, and a later edit of the cell is its own', () => {
    const comebacks = new RefusalComebacks();
    const first = comebacks.sent('7', 'amount_usd');
    const second = comebacks.sent('7', 'amount_usd');
    comebacks.done(first);
    expect(comebacks.refused(second, REFUSAL)).toBe(true);
    expect(comebacks.refused(first, REFUSAL)).toBe(false);
  });
});
