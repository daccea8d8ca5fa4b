import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Rectangle, type BarShapeProps } from 'recharts';
import { describe, expect, it } from 'vitest';
import { barShape } from '../../../renderer/charts/bar-shape';

/** The markup with each tag's attributes sorted, so only what is drawn counts, not the order it is written in. */
function normalized(markup: string): string {
  return markup.replace(/<([a-z]+)((?:\s+[^\s=>]+="[^"]*")*)\s*(\/?)>/g, (_, tag: string, attrs: string, slash: string) =>
    `<${tag} ${(attrs.match(/[^\s=>]+="[^"]*"/g) ?? []).sort().join(' ')}${slash}>`);
}

const shape = barShape([{ v: 1 }], 'v')!;

describe('the plain bar shape', () => {
  it('draws the <path> Recharts\' <Rectangle> draws, attribute for attribute', () => {
    const bars = [
      { x: 64.71482, y: 151.198333, width: 6, height: 92.80167, name: 'Investment', fill: '#0072b2' },
      { x: 177.86391, y: 14, width: 2.48713, height: 12, name: 'Invested: split not known', fill: 'url(#hatch)', stroke: '#8c959f', strokeWidth: 0.5, className: 'charts-unsplit' },
      { x: 0.00001, y: 3.33333333, width: 1e-7, height: 0.123456789, name: 'undefined', fill: '#000' },
      { x: 10, y: 20, width: 0, height: 5, name: 'Zero', fill: '#000' },
      { x: Number.NaN, y: 20, width: 3, height: 5, name: 'Unplaced', fill: '#000' },
    ];
    for (const bar of bars) {
      const drawn = shape(bar as unknown as BarShapeProps);
      const theirs = renderToStaticMarkup(createElement(Rectangle, bar));
      expect(drawn === null ? '' : normalized(renderToStaticMarkup(drawn as ReactElement))).toBe(normalized(theirs));
    }
  });

  it('is used only for a series with no zero value (a <Bar> with its own shape keeps zero-size bars)', () => {
    expect(barShape([{ v: 1 }, { v: 2.5 }], 'v')).toBe(shape);
    expect(barShape([{ v: 1 }, { v: 0 }], 'v')).toBeUndefined();
    expect(barShape([{ v: 1 }, { v: -0 }], 'v')).toBeUndefined();
  });
});
