/**
 * The charts on screen as one PNG: each chart's SVG is serialized and drawn on a
 * canvas where it sits on the page, with its title and legend (which Recharts
 * renders as HTML, not SVG) drawn as text beside it. Always in the light theme, on white, whatever the page shows:
 * the charts' colours are the style sheet's variables, replaced by their light values.
 */
import { captionLayout, type CaptionFont, type RunCaption } from './pngCaption.ts';
import { resolveThemeVars, themeColor } from '../figures/themeColors.ts';

const PIXEL_RATIO = 2;
/** White space around the charts, in CSS pixels (axis labels reach the edge of their box). */
const MARGIN = 16;

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('the browser could not draw a chart'));
    image.src = src;
  });
}

/** The chart's own SVG (the legend's small icons are SVGs too, so the largest one). */
function chartSvg(figure: Element): SVGSVGElement | null {
  const svgs = [...figure.querySelectorAll('svg')].filter((s) => !s.closest('.recharts-legend-wrapper'));
  return svgs.sort((a, b) => b.clientWidth * b.clientHeight - a.clientWidth * a.clientHeight)[0] ?? null;
}

/** SVG text with the page's font inlined: a serialized SVG does not see the page's CSS. */
function svgDataUrl(svg: SVGSVGElement): string {
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const style = getComputedStyle(svg);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute(
    'style',
    `font-family: ${style.fontFamily}; font-size: ${style.fontSize}; background: transparent`,
  );
  const text = resolveThemeVars(new XMLSerializer().serializeToString(clone), 'light');
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
}

function drawText(ctx: CanvasRenderingContext2D, element: Element, origin: DOMRect, color?: string): void {
  const text = element.textContent?.trim();
  if (!text) return;
  const rect = element.getBoundingClientRect();
  const style = getComputedStyle(element);
  ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  ctx.fillStyle = color ?? themeColor('light', 'ink');
  ctx.textBaseline = 'middle';
  ctx.fillText(text, rect.left - origin.left, rect.top - origin.top + rect.height / 2);
}

/** The caption's fonts, in the page's font family. */
function captionFonts(root: HTMLElement): Record<CaptionFont, string> {
  const family = getComputedStyle(root).fontFamily;
  return { title: `600 15px ${family}`, body: `13px ${family}`, header: `600 13px ${family}`, cell: `13px ${family}` };
}

/**
 * Draws every chart (`figure`) inside `root` onto one canvas, and under them `captions` (each run's name, settings, seed
 * and Results table), and returns it as a PNG.
 */
export async function chartsToPng(root: HTMLElement, captions: RunCaption[] = []): Promise<Blob> {
  const figures = [...root.querySelectorAll('figure')].filter((f) => chartSvg(f));
  if (figures.length === 0) throw new Error('there is no chart on screen to export');
  const box = root.getBoundingClientRect();
  // Positions are measured from here, so everything lands MARGIN in from the edges.
  const origin = new DOMRect(box.left - MARGIN, box.top - MARGIN, box.width + 2 * MARGIN, box.height + 2 * MARGIN);
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw on a canvas');
  const fonts = captionFonts(root);
  const caption = captionLayout(captions, box.width, (text, font) => {
    ctx.font = fonts[font];
    return ctx.measureText(text).width;
  });
  const height = origin.height + (caption.height > 0 ? caption.height + MARGIN : 0);
  canvas.width = Math.ceil(origin.width * PIXEL_RATIO);
  canvas.height = Math.ceil(height * PIXEL_RATIO);
  ctx.scale(PIXEL_RATIO, PIXEL_RATIO);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, origin.width, height);

  for (const figure of figures) {
    const svg = chartSvg(figure)!;
    const rect = svg.getBoundingClientRect();
    const image = await loadImage(svgDataUrl(svg));
    ctx.drawImage(image, rect.left - origin.left, rect.top - origin.top, rect.width, rect.height);
    const title = figure.querySelector('h3, figcaption');
    if (title) drawText(ctx, title, origin);
    for (const item of figure.querySelectorAll('.recharts-legend-item')) {
      const icon = item.querySelector('svg');
      const mark = icon?.querySelector('path, line');
      const marked =
        mark?.getAttribute('stroke') && mark.getAttribute('stroke') !== 'none'
          ? mark.getAttribute('stroke')!
          : (mark?.getAttribute('fill') ?? 'var(--ink)');
      const color = resolveThemeVars(marked, 'light');
      if (icon) {
        const r = icon.getBoundingClientRect();
        ctx.fillStyle = color;
        ctx.fillRect(r.left - origin.left, r.top - origin.top + r.height / 2 - 1.5, r.width, 3);
      }
      const label = item.querySelector('.recharts-legend-item-text') ?? item;
      drawText(ctx, label, origin, color);
    }
  }
  // The caption, in the light theme's ink, under the charts.
  const top = origin.height;
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = themeColor('light', 'ink') || '#000000';
  for (const text of caption.texts) {
    ctx.font = fonts[text.font];
    ctx.fillText(text.text, MARGIN + text.x, top + text.y);
  }
  ctx.strokeStyle = themeColor('light', 'ink') || '#000000';
  ctx.lineWidth = 1;
  for (const rule of caption.rules) {
    ctx.beginPath();
    ctx.moveTo(MARGIN + rule.x1, top + rule.y + 0.5);
    ctx.lineTo(MARGIN + rule.x2, top + rule.y + 0.5);
    ctx.stroke();
  }
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the PNG'))),
      'image/png',
    ),
  );
}
