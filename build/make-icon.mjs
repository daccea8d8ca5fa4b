#!/usr/bin/env node
// Draws the app icon (build/icon.png, 1024x1024, what electron-builder turns into .icns/.ico) with Node
// alone: three rising bars (money committed) under an arrow flowing back to the first (the round trip).
// Same geometry as build/icon.svg. Usage: node build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;
const SS = 4; // supersamples per axis, for smooth edges

const BARS = [
  { x0: 250, x1: 370, y0: 620, color: [46, 196, 182] },
  { x0: 452, x1: 572, y0: 510, color: [255, 183, 3] },
  { x0: 654, x1: 774, y0: 400, color: [231, 111, 81] },
];
const BAR_BOTTOM = 800;
const ARC = { cx: 512, cy: 560, r: 340, half: 18, from: (-150 * Math.PI) / 180, to: (-30 * Math.PI) / 180 };
const WHITE = [245, 247, 250];

function inRoundedRect(x, y) {
  const [x0, y0, x1, y1, r] = [64, 64, 960, 960, 200];
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

const end = { x: ARC.cx + ARC.r * Math.cos(ARC.from), y: ARC.cy + ARC.r * Math.sin(ARC.from) };
const dir = { x: Math.sin(ARC.from), y: -Math.cos(ARC.from) };
const perp = { x: -dir.y, y: dir.x };
const HEAD = [
  { x: end.x + dir.x * 70, y: end.y + dir.y * 70 },
  { x: end.x + perp.x * 52, y: end.y + perp.y * 52 },
  { x: end.x - perp.x * 52, y: end.y - perp.y * 52 },
];

function inTriangle(x, y, [a, b, c]) {
  const s = (p, q) => (x - q.x) * (p.y - q.y) - (p.x - q.x) * (y - q.y);
  const d1 = s(a, b), d2 = s(b, c), d3 = s(c, a);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

function inArc(x, y) {
  const d = Math.hypot(x - ARC.cx, y - ARC.cy);
  if (Math.abs(d - ARC.r) > ARC.half) return false;
  const a = Math.atan2(y - ARC.cy, x - ARC.cx);
  return a >= ARC.from && a <= ARC.to;
}

/** The colour at one sample point, or null outside the icon. */
function sample(x, y) {
  if (!inRoundedRect(x, y)) return null;
  if (inArc(x, y) || inTriangle(x, y, HEAD)) return WHITE;
  for (const bar of BARS) if (x >= bar.x0 && x <= bar.x1 && y >= bar.y0 && y <= BAR_BOTTOM) return bar.color;
  const t = (x + y) / (2 * SIZE); // diagonal navy gradient
  return [Math.round(20 + 14 * t), Math.round(33 + 26 * t), Math.round(61 + 54 * t)];
}

const rows = [];
for (let py = 0; py < SIZE; py++) {
  const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
  for (let px = 0; px < SIZE; px++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const c = sample(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS);
        if (!c) continue;
        r += c[0]; g += c[1]; b += c[2]; a++;
      }
    }
    const o = 1 + px * 4;
    if (a) [row[o], row[o + 1], row[o + 2], row[o + 3]] = [r / a, g / a, b / a, (255 * a) / (SS * SS)].map(Math.round);
  }
  rows.push(row);
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`build/icon.png: ${SIZE}x${SIZE}, ${png.length} bytes`);
