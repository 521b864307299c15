// Draws the app's two icons as PNG files with no dependencies: a 192x192 full-colour icon and a
// 32x32 outline icon (white on transparent), as Teams asks. Run: node manifest/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/** An RGBA PNG of size x size, each pixel from paint(x, y) => [r, g, b, a]. */
export function png(size, paint) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) row.set(paint(x, y), 1 + x * 4);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// A speech bubble with a shield-like notch: a conversation that is kept safe.
const inBubble = (x, y, size) => {
  const u = x / size, v = y / size;
  const body = u > 0.18 && u < 0.82 && v > 0.2 && v < 0.66;
  const tail = v >= 0.66 && v < 0.8 && u > 0.3 && u < 0.3 + (0.8 - v) * 1.2;
  return body || tail;
};
const inLines = (x, y, size) => {
  const u = x / size, v = y / size;
  return u > 0.28 && u < 0.72 && ((v > 0.32 && v < 0.36) || (v > 0.42 && v < 0.46) || (v > 0.52 && v < 0.56 && u < 0.6));
};

const color = png(192, (x, y) => inBubble(x, y, 192) ? (inLines(x, y, 192) ? [0x46, 0x3b, 0x8c, 255] : [255, 255, 255, 255]) : [0x46, 0x3b, 0x8c, 255]);
const outline = png(32, (x, y) => {
  const edge = inBubble(x, y, 32) && !(inBubble(x - 1, y, 32) && inBubble(x + 1, y, 32) && inBubble(x, y - 1, 32) && inBubble(x, y + 1, 32));
  return edge || inLines(x, y, 32) ? [255, 255, 255, 255] : [0, 0, 0, 0];
});

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(join(here, 'color.png'), color);
  writeFileSync(join(here, 'outline.png'), outline);
  console.log('Wrote manifest/color.png (192x192) and manifest/outline.png (32x32).');
}
