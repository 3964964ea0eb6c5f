/**
 * Predecessor links on the timeline: an elbow from the predecessor's go-live down to its successor's,
 * drawn in one SVG over the chart's bars each time vis-timeline has drawn them. Only bars vis-timeline
 * drew (those in view) can be joined. timeline-arrows was tried: removing an arrow needs the chart's
 * container to carry an id and takes the wrong path out, and each added arrow redraws the chart.
 */
import type { PredecessorLink } from './timeline-data';

const SVG = 'http://www.w3.org/2000/svg';

export function drawPredecessorLinks(container: HTMLElement, links: PredecessorLink[]): void {
  const center = container.querySelector<HTMLElement>('.vis-timeline > .vis-panel.vis-center');
  if (!center) return;
  let svg = center.querySelector<SVGSVGElement>(':scope > svg.wp-links');
  if (links.length === 0) {
    svg?.remove();
    return;
  }
  if (!svg) {
    svg = document.createElementNS(SVG, 'svg');
    svg.classList.add('wp-links');
    svg.setAttribute('aria-hidden', 'true');
    svg.innerHTML = '<defs><marker id="wp-link-head" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0 L8 4 L0 8 z" class="wp-link-head" /></marker></defs>';
    center.append(svg);
  }
  // The SVG sits inside the panel's border.
  const panel = center.getBoundingClientRect();
  const origin = { left: panel.left + center.clientLeft, top: panel.top + center.clientTop };
  const goLives = new Map<string, { x: number; top: number; bottom: number }>();
  for (const marker of center.querySelectorAll<HTMLElement>('.wp-bar[data-site] > .wp-golive')) {
    const box = marker.getBoundingClientRect();
    if (box.width === 0) continue;
    goLives.set(marker.parentElement!.dataset.site!, { x: box.left + box.width / 2 - origin.left, top: box.top - origin.top, bottom: box.bottom - origin.top });
  }
  const paths: SVGPathElement[] = [];
  for (const link of links) {
    const from = goLives.get(link.from);
    const to = goLives.get(link.to);
    if (!from || !to) continue;
    const y = (to.top + to.bottom) / 2;
    // Down (or up) from the predecessor's diamond, then across to the site's.
    const startY = to.top >= from.bottom ? from.bottom : from.top;
    const endX = to.x + (to.x >= from.x ? -7 : 7);
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', `M${from.x.toFixed(1)} ${startY.toFixed(1)} V${y.toFixed(1)} H${endX.toFixed(1)}`);
    path.setAttribute('marker-end', 'url(#wp-link-head)');
    path.dataset.link = `${link.from} → ${link.to}`;
    paths.push(path);
  }
  svg.replaceChildren(svg.querySelector('defs')!, ...paths);
}
