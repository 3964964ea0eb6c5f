/** What the timeline's marks mean, drawn with the same styles as the bars and lanes themselves. */
import { Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';

function Entry({ swatch, label }: { swatch: ReactNode; label: string }) {
  return (
    <Group gap={5} wrap="nowrap">
      {swatch}
      <Text size="xs">{label}</Text>
    </Group>
  );
}

const box = (className: string) => <span className={`wp-legend-swatch ${className}`} aria-hidden />;

export function TimelineLegend() {
  return (
    <Group gap="sm" data-testid="timeline-legend" aria-label="Legend" role="group">
      <Entry swatch={box('wp-legend-prep')} label="Prep" />
      <Entry swatch={<span className="wp-legend-golive" aria-hidden />} label="Go-live" />
      <Entry swatch={box('wp-legend-hypercare')} label="Hypercare" />
      <Entry swatch={box('wp-legend-lighthouse')} label="Lighthouse" />
      <Entry swatch={box('wp-legend-freeze')} label="Freeze" />
      <Entry swatch={box('wp-legend-blackout')} label="Site blackout" />
      <Entry swatch={box('wp-legend-pinned')} label="Pinned" />
      <Entry swatch={box('wp-legend-violated')} label="Breaks a rule" />
    </Group>
  );
}
