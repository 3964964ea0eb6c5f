/** A report page: the plan name and section in the header, as-of date and "Page N of M" in the footer. */
import { Page, Text, View } from '@react-pdf/renderer';
import type { ReactNode } from 'react';
import { FOOTER_HEIGHT, HEADER_HEIGHT, MARGIN, PAGE_SIZES, styles, type Paper } from './theme';

export interface PageFrame {
  planName: string;
  asOf: string;
  generatedOn: string;
  paper: Paper;
}

export interface PageBody {
  section: string;
  landscape: boolean;
  body: ReactNode;
  /** The PDF outline entry this page starts (a section's first page). */
  bookmark?: string;
}

function pageSize(paper: Paper, landscape: boolean): { width: number; height: number } {
  const { width, height } = PAGE_SIZES[paper];
  return landscape ? { width: height, height: width } : { width, height };
}

export function ReportPage(props: { frame: PageFrame; page: PageBody; pageNumber: number; totalPages: number }) {
  const { frame, page } = props;
  // Content is already cut to fit (flow.ts), so react-pdf need not paginate (wrap={false}, much
  // faster); but an unwrapped page shrinks to its content, so the body is as tall as the page allows.
  const size = pageSize(frame.paper, page.landscape);
  const bodyHeight = size.height - 2 * MARGIN - HEADER_HEIGHT - FOOTER_HEIGHT;
  return (
    <Page size={size} style={styles.page} wrap={false} bookmark={page.bookmark ? { title: page.bookmark, fit: true, expanded: true } : undefined}>
      <View style={styles.header}>
        <Text style={styles.headerTitle}>{frame.planName}</Text>
        <Text style={styles.headerSection}>{page.section}</Text>
      </View>
      <View style={{ height: bodyHeight }}>{page.body}</View>
      <View style={styles.footer}>
        <Text>
          {frame.planName} · as of {frame.asOf} · generated {frame.generatedOn}
        </Text>
        <Text>
          Page {props.pageNumber} of {props.totalPages}
        </Text>
      </View>
    </Page>
  );
}
