// A QR code drawn as inline SVG from the qrcode-generator encoder: one <path> of dark modules, no
// inline styles or data: URLs, so it lives within the dashboard's Content-Security-Policy.
// Medium error correction, a four-module quiet zone (the standard's minimum), black on white.
import { useMemo } from 'react';
import qrcode from 'qrcode-generator';

const QUIET = 4;

/** The dark modules of `text` as one SVG path in module units, and the side including the quiet zone. */
export function qrPath(text: string): { d: string; size: number } {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  let d = '';
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c + QUIET} ${r + QUIET}h1v1h-1z`;
  }
  return { d, size: n + 2 * QUIET };
}

/** `label` names what the code holds for people who cannot scan it (its accessible name). */
export function QrCode({ text, label }: { text: string; label: string }) {
  const { d, size } = useMemo(() => qrPath(text), [text]);
  return (
    <svg className="qr" role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} shapeRendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg">
      <title>{label}</title>
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
