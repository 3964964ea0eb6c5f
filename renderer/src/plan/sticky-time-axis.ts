/**
 * Keeps the timeline's time axis at the top of its scrolled view. vis-timeline draws the axis once,
 * above the first lane, and grows as tall as its lanes; the scroll box around it scrolls the lanes.
 * Letting vis-timeline scroll its own lanes instead draws only the bars in view and makes its label
 * column a scroll region without keyboard access, so the axis is moved down by what is scrolled.
 */
export interface StickyTimeAxis {
  /** Places the axis again: after a scroll, and after the chart drew itself (its height may differ). */
  update(): void;
  dispose(): void;
}

export function stickyTimeAxis(scroller: HTMLElement, container: HTMLElement): StickyTimeAxis {
  // Covers the lane labels beside the axis, so they pass under it as the bars do.
  const corner = document.createElement('div');
  corner.className = 'wp-axis-corner';
  corner.setAttribute('aria-hidden', 'true');
  let shownOffset = -1;

  const update = () => {
    const chart = container.querySelector<HTMLElement>(':scope > .vis-timeline');
    const axis = chart?.querySelector<HTMLElement>(':scope > .vis-panel.vis-top');
    const labels = chart?.querySelector<HTMLElement>(':scope > .vis-panel.vis-left');
    if (!chart || !axis || !labels) return;
    if (corner.parentElement !== chart) chart.append(corner);
    // Where the axis sits unmoved: inside the chart's border, at the chart's top.
    const axisTop = chart.getBoundingClientRect().top + chart.clientTop + axis.offsetTop;
    const scrolled = scroller.getBoundingClientRect().top - axisTop;
    const offset = Math.round(Math.max(0, Math.min(scrolled, chart.clientHeight - axis.offsetHeight)));
    corner.style.width = `${labels.offsetWidth}px`;
    corner.style.height = `${axis.offsetHeight}px`;
    if (offset === shownOffset) return;
    shownOffset = offset;
    const transform = offset > 0 ? `translateY(${offset}px)` : '';
    axis.style.transform = transform;
    corner.style.transform = transform;
    chart.classList.toggle('wp-axis-stuck', offset > 0);
  };

  scroller.addEventListener('scroll', update, { passive: true });
  return {
    update,
    dispose: () => {
      scroller.removeEventListener('scroll', update);
      corner.remove();
    },
  };
}
