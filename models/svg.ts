// Minimal SVG charts for the evaluation report: line charts (optionally log-x) and paired
// histograms. Used by report.ts; plain strings, no dependencies, deterministic output.

export interface Series { name: string; points: Array<[number, number]> }

const W = 560, H = 360, L = 60, R = 150, T = 30, B = 50;
const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939"];
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const f = (x: number) => x.toFixed(1);

function frame(title: string, xLabel: string, yLabel: string, body: string, legend: string[]): string {
  const items = legend.map((n, i) => `<g><rect x="${W - R + 10}" y="${T + 14 * i}" width="10" height="10" fill="${COLORS[i % COLORS.length]}"/><text x="${W - R + 25}" y="${T + 9 + 14 * i}" font-size="11">${esc(n)}</text></g>`).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif">` +
    `<rect width="${W}" height="${H}" fill="white"/>` +
    `<text x="${L}" y="18" font-size="13" font-weight="bold">${esc(title)}</text>` +
    `<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="black"/><line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="black"/>` +
    `<text x="${(L + W - R) / 2}" y="${H - 12}" font-size="12" text-anchor="middle">${esc(xLabel)}</text>` +
    `<text x="14" y="${(T + H - B) / 2}" font-size="12" text-anchor="middle" transform="rotate(-90 14 ${(T + H - B) / 2})">${esc(yLabel)}</text>` +
    body + items + `</svg>\n`;
}

export function lineChart(title: string, xLabel: string, yLabel: string, series: Series[], opts: { logX?: boolean; xMin?: number; xMax?: number; yMin?: number; yMax?: number } = {}): string {
  const all = series.flatMap((s) => s.points);
  const tx = (x: number) => (opts.logX ? Math.log10(Math.max(x, opts.xMin ?? 1e-5)) : x);
  const x0 = tx(opts.xMin ?? Math.min(...all.map((p) => p[0])));
  const x1 = tx(opts.xMax ?? Math.max(...all.map((p) => p[0])));
  const y0 = opts.yMin ?? 0, y1 = opts.yMax ?? 1;
  const px = (x: number) => L + ((tx(x) - x0) / (x1 - x0 || 1)) * (W - R - L);
  const py = (y: number) => H - B - ((y - y0) / (y1 - y0 || 1)) * (H - B - T);
  let body = "";
  for (let i = 0; i <= 4; i++) {
    const y = y0 + ((y1 - y0) * i) / 4;
    body += `<line x1="${L}" y1="${f(py(y))}" x2="${W - R}" y2="${f(py(y))}" stroke="#ddd"/><text x="${L - 6}" y="${f(py(y) + 4)}" font-size="10" text-anchor="end">${y.toFixed(2)}</text>`;
  }
  const ticks = opts.logX ? Array.from({ length: Math.floor(x1) - Math.ceil(x0) + 1 }, (_, i) => 10 ** (Math.ceil(x0) + i)) : [0, 0.25, 0.5, 0.75, 1].map((t) => (opts.xMin ?? 0) + t * ((opts.xMax ?? 1) - (opts.xMin ?? 0)));
  for (const t of ticks) body += `<text x="${f(px(t))}" y="${H - B + 14}" font-size="10" text-anchor="middle">${opts.logX ? t.toExponential(0) : t.toFixed(2)}</text>`;
  series.forEach((s, i) => {
    const pts = s.points.map(([x, y]) => `${f(px(x))},${f(py(y))}`).join(" ");
    body += `<polyline fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="1.6" points="${pts}"/>`;
  });
  return frame(title, xLabel, yLabel, body, series.map((s) => s.name));
}

/** Two histograms over the same bins (counts normalised to shares), drawn as outlined bars. */
export function histogram(title: string, xLabel: string, bins: number[], series: Array<{ name: string; counts: number[] }>): string {
  const shares = series.map((s) => { const t = s.counts.reduce((a, b) => a + b, 0) || 1; return s.counts.map((c) => c / t); });
  const yMax = Math.max(...shares.flat(), 0.01);
  const n = bins.length;
  const bw = (W - R - L) / n;
  let body = "";
  shares.forEach((sh, i) => {
    sh.forEach((v, j) => {
      const h = (v / yMax) * (H - B - T);
      body += `<rect x="${f(L + j * bw + 1)}" y="${f(H - B - h)}" width="${f(bw - 2)}" height="${f(h)}" fill="${COLORS[i]}" fill-opacity="0.45" stroke="${COLORS[i]}"/>`;
    });
  });
  for (let j = 0; j < n; j += Math.max(1, Math.floor(n / 10))) body += `<text x="${f(L + j * bw + bw / 2)}" y="${H - B + 14}" font-size="10" text-anchor="middle">${bins[j]}</text>`;
  body += `<text x="${L - 6}" y="${T + 4}" font-size="10" text-anchor="end">${(100 * yMax).toFixed(0)}%</text>`;
  return frame(title, xLabel, "share of requests", body, series.map((s) => s.name));
}
