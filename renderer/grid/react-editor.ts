import { createElement, type ComponentType } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import type { ICellEditorComp, ICellEditorParams } from 'ag-grid-community';

/** What our React editors get: AG Grid's editor params, plus a callback for the value as it is typed. */
export type EditorProps<TValue> = ICellEditorParams & { value: TValue | null | undefined; onValueChange: (value: unknown) => void };

/**
 * The grid is drawn through AG Grid's plain API (opening a big book is faster without the React layer on every
 * cell), while our two editors stay React components: each open editor gets a React root of its own. The root
 * renders once the editor is in the page, so the editor's effects can focus its input.
 */
export function reactCellEditor<P extends EditorProps<never>>(Editor: ComponentType<P>): new () => ICellEditorComp {
  return class ReactCellEditor implements ICellEditorComp {
    private readonly gui = document.createElement('div');
    private root: Root | null = null;
    private params: ICellEditorParams | null = null;
    private value: unknown = null;

    init(params: ICellEditorParams): void {
      this.params = params;
      this.value = params.value;
      this.gui.className = 'react-cell-editor';
    }

    getGui(): HTMLElement {
      return this.gui;
    }

    afterGuiAttached(): void {
      const params = this.params!;
      this.root = createRoot(this.gui);
      const props = { ...params, onValueChange: (value: unknown) => void (this.value = value) } as unknown as P;
      flushSync(() => this.root!.render(createElement(Editor, props)));
    }

    getValue(): unknown {
      return this.value;
    }

    destroy(): void {
      const root = this.root;
      this.root = null;
      // The grid may close an editor from inside a React event handler of the editor itself.
      if (root) queueMicrotask(() => root.unmount());
    }
  };
}
