/**
 * A saved page's bytes as text. Browsers save a page in the encoding it was served in, which
 * its `<meta charset>` names: UTF-8 mostly, sometimes windows-1252 or another legacy encoding.
 * A byte order mark wins, then the meta tag (within the first 4 KB), then UTF-8.
 */
import { TextDecoder } from 'node:util';
import { decodeBytes, type TextDecoded } from '../data-files/read.js';

const META_CHARSET = /<meta\b[^>]{0,200}?\bcharset\s*=\s*["']?\s*([\w.:-]{1,40})/i;

/** The labels browsers read as windows-1252 (the WHATWG Encoding Standard's list, in part). */
const WINDOWS_1252 = new Set(['windows-1252', 'cp1252', 'x-cp1252', 'iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'us-ascii', 'ascii']);
/** windows-1252 bytes 0x80–0x9f (Node's TextDecoder reads them as Latin-1 control characters); 0 for undefined ones. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function windows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\x80-\x9f]/g, (c) => {
    const mapped = CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? 0;
    return mapped === 0 ? c : String.fromCharCode(mapped);
  });
}

/** The page's text; binary bytes (NUL) or an encoding Node cannot decode give a reason instead. */
export function decodePage(bytes: Buffer): TextDecoded {
  const hasBom = (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const charset = hasBom ? undefined : META_CHARSET.exec(bytes.subarray(0, 4096).toString('latin1'))?.[1]?.toLowerCase();
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') return decodeBytes(bytes);
  if (bytes.indexOf(0) >= 0) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  if (WINDOWS_1252.has(charset)) return { ok: true, text: windows1252(bytes) };
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    return { ok: false, reason: `the page's encoding "${charset}" is not one Slant can read (save the page as UTF-8)` };
  }
  return { ok: true, text: decoder.decode(bytes) };
}
