import { describe, expect, it } from 'vitest';
import type { BookEvent } from '../../../shared/protocol/contract';
import { deletedWhileEditing } from '../../../renderer/grid/deleted-while-editing';

const event = (by: string) => ({ by }) as BookEvent;

describe('the word when a deal is deleted under its open editor', () => {
  it('names the deal, the column, who deleted it, and holds the typed text', () => {
    expect(deletedWhileEditing(event('tab:b'), 'tab:a', 7, 'amount_usd', '42.5B')).toEqual({
      message: 'Deal 7 was deleted in another window while you were editing its Amount; what you typed was not saved',
      lines: ['You typed: 42.5B'],
    });
    expect(deletedWhileEditing(event('another program'), 'tab:a', 7, 'to_party', 'OpenAI').message).toBe(
      'Deal 7 was deleted by another program while you were editing its To; what you typed was not saved',
    );
    expect(deletedWhileEditing(event('tab:a'), 'tab:a', 7, 'notes', '').message).toBe('Deal 7 was deleted while you were editing its Notes; what you typed was not saved');
  });

  it('lists no text when the editor held none', () => {
    expect(deletedWhileEditing(event('tab:b'), 'tab:a', 7, 'notes', '').lines).toEqual([]);
    expect(deletedWhileEditing(event('tab:b'), 'tab:a', 7, 'notes', null).lines).toEqual([]);
  });
});
