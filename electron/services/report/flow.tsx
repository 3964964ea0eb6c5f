/**
 * Our own pagination. react-pdf can flow content over pages itself, but it re-lays out everything
 * after each break (and again for "page N of M"), which took 20 s for 500 sites. Here every block
 * has a known height, blocks are packed onto pages once, headers repeat where a table continues,
 * and page numbers are plain text.
 */
import { createElement, Fragment, type ReactNode } from 'react';
import { FOOTER_HEIGHT, HEADER_HEIGHT, MARGIN, PAGE_SIZES, type Paper } from './theme';

export interface FlowBlock {
  height: number;
  node: ReactNode;
  /** Blocks to repeat at the top of a page when a page break falls just before this block. */
  continuation?: FlowBlock[];
  /** Do not end a page with this block: it heads what follows (a wave title, a table header). */
  keepWithNext?: boolean;
}

/** Room for content on a page, below the header and above the footer, with a little slack. */
export function contentHeight(paper: Paper, landscape: boolean): number {
  const size = PAGE_SIZES[paper];
  const height = landscape ? size.width : size.height;
  return height - 2 * MARGIN - HEADER_HEIGHT - FOOTER_HEIGHT - 12;
}

export function contentWidth(paper: Paper, landscape: boolean): number {
  const size = PAGE_SIZES[paper];
  return (landscape ? size.height : size.width) - 2 * MARGIN;
}

export function paginate(blocks: FlowBlock[], pageHeight: number): ReactNode[][] {
  const pages: ReactNode[][] = [];
  let page: ReactNode[] = [];
  let used = 0;
  const newPage = () => {
    if (page.length) pages.push(page);
    page = [];
    used = 0;
  };
  for (let i = 0; i < blocks.length; i += 1) {
    const block = blocks[i]!;
    let needed = block.height;
    // A heading goes to the next page unless the block after it fits too.
    for (let j = i; blocks[j]?.keepWithNext && blocks[j + 1]; j += 1) needed += blocks[j + 1]!.height;
    if (used > 0 && used + needed > pageHeight) {
      newPage();
      for (const header of block.continuation ?? []) {
        page.push(header.node);
        used += header.height;
      }
    }
    page.push(block.node);
    used += block.height;
  }
  if (page.length) pages.push(page);
  return pages.map((nodes) => nodes.map((node, key) => createElement(Fragment, { key }, node)));
}

/** Estimated lines of text in a box: Inter averages about 0.55 em a character; estimate on the high side. */
export function estimateLines(text: string, fontSize: number, width: number): number {
  const perLine = Math.max(1, Math.floor(width / (fontSize * 0.56)));
  return text.split('\n').reduce((lines, part) => lines + Math.max(1, Math.ceil(part.length / perLine)), 0);
}

/** Cuts text to what one line of `width` holds. */
export function fitLine(text: string, fontSize: number, width: number): string {
  const max = Math.max(4, Math.floor(width / (fontSize * 0.56)));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
