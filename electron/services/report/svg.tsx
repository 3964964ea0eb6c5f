/**
 * Text inside the report's SVG (the Gantt): a few SVG shapes cost far less to lay out than a View or
 * Text each, and text in SVG stays real, searchable text.
 */
import { Text } from '@react-pdf/renderer';
import type { ReactElement } from 'react';
import { FONT } from './theme';

/** SVG text takes its font from props, not style (react-pdf falls back to Helvetica otherwise). */
export const SVG_FONT = { fontFamily: FONT, fontSize: 7 };

/**
 * react-pdf's Text inside an Svg, with the font props it reads at run time but its type definitions
 * leave out.
 */
export const SvgText = Text as unknown as (props: {
  x: number;
  y: number;
  fill: string;
  fontFamily: string;
  fontSize: number;
  fontWeight?: number;
  textAnchor?: 'start' | 'middle' | 'end';
  children: string;
}) => ReactElement;
