/** What a click on an investor, pair, cycle or flow asks the panel to filter the grid to. */
export type Selection = { key: string; label: string; ids: number[] };
