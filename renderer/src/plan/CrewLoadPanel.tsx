/**
 * Crew load (rule 13): for each crew, the most sites it serves on any day of each week against its
 * size. Weeks over its size are drawn hatched and red and listed in words, so an overload reads
 * without colour.
 */
import { Badge, Group, ScrollArea, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { Crew } from '../../../shared/domain';
import { crewLoadSeries, type CrewLoadSeries } from '../../../shared/scheduler/crew-load';
import { CREW_PHASE_MEANING } from '../../../shared/scheduler/crews';
import type { WaveSchedule } from '../../../shared/scheduler/types';

const CHART_HEIGHT = 72;
const AXIS_HEIGHT = 14;
const MIN_WEEK_WIDTH = 2;
const CHART_WIDTH = 400;

export function CrewLoadPanel({ schedule, crews, hypercareDays }: { schedule: WaveSchedule; crews: Crew[]; hypercareDays: number }) {
  const series = useMemo(() => crewLoadSeries(schedule, crews, hypercareDays), [schedule, crews, hypercareDays]);
  if (crews.length === 0) {
    return (
      <Text size="sm" c="dimmed" p="xs">
        No crews in this plan. Add the deployment squads, trainers or hypercare desk in Settings, and re-plan: no go-live is then planned on a day that
        would give a crew more sites than its size.
      </Text>
    );
  }
  return (
    <ScrollArea h="100%">
      <Stack gap="md" p={4} data-testid="crew-load">
        {series.map((s) => (
          <CrewChart key={s.crew.name} series={s} />
        ))}
      </Stack>
    </ScrollArea>
  );
}

function CrewChart({ series }: { series: CrewLoadSeries }) {
  const { crew, weeks, overloads } = series;
  const busiest = weeks.reduce((max, w) => Math.max(max, w.peak), 0);
  // Headroom above the tallest bar for the size label.
  const top = Math.max(busiest, crew.size, 1) * 1.25;
  const weekWidth = Math.max(MIN_WEEK_WIDTH, CHART_WIDTH / Math.max(weeks.length, 1));
  const width = Math.max(CHART_WIDTH, weekWidth * weeks.length);
  const y = (sites: number) => CHART_HEIGHT - (sites / top) * CHART_HEIGHT;
  const years = yearTicks(weeks.map((w) => w.start), weekWidth);
  const summary =
    overloads.length > 0
      ? `Over its size on ${overloads.length === 1 ? 'one stretch' : `${overloads.length} stretches`}, at most ${Math.max(...overloads.map((o) => o.peak))} sites`
      : `Busiest week: ${busiest} of ${crew.size}`;
  const patternId = `over-${crew.name.replace(/[^A-Za-z0-9]/g, '_')}`;
  return (
    <div data-testid="crew-chart" data-crew={crew.name} data-overloads={overloads.length}>
      <Group justify="space-between" wrap="nowrap" gap={4}>
        <Text size="sm" fw={600}>
          {crew.name}
        </Text>
        {overloads.length > 0 ? (
          <Badge size="sm" color="red" variant="light">
            ⚠ Overloaded
          </Badge>
        ) : (
          <Badge size="sm" color="gray" variant="light">
            Within size
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {crew.size} at a time, {CREW_PHASE_MEANING[crew.phase]}. {summary}.
      </Text>
      {weeks.length === 0 ? (
        <Text size="xs" c="dimmed">
          No placed site needs this crew.
        </Text>
      ) : (
        <ScrollArea type="auto" offsetScrollbars>
          <svg width={width} height={CHART_HEIGHT + AXIS_HEIGHT} role="img" aria-label={`${crew.name}: ${summary}`} style={{ display: 'block' }}>
            <defs>
              <pattern id={patternId} width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="4" height="4" fill="var(--mantine-color-red-6)" />
                <line x1="0" y1="0" x2="0" y2="4" stroke="var(--mantine-color-body)" strokeWidth="1.5" />
              </pattern>
            </defs>
            {weeks.map((w, i) => {
              const over = w.peak > crew.size;
              return (
                <rect
                  key={w.start}
                  x={i * weekWidth}
                  y={y(w.peak)}
                  width={Math.max(weekWidth - (weekWidth > 3 ? 1 : 0), 1)}
                  height={CHART_HEIGHT - y(w.peak)}
                  fill={over ? `url(#${patternId})` : 'var(--mantine-color-blue-5)'}
                >
                  <title>{`Week of ${w.start}: ${w.peak} of ${crew.size}${over ? ' (over its size)' : ''}`}</title>
                </rect>
              );
            })}
            <line x1={0} x2={width} y1={y(crew.size)} y2={y(crew.size)} stroke="var(--mantine-color-text)" strokeDasharray="4 3" strokeWidth={1} />
            <text x={width - 2} y={Math.max(y(crew.size) - 3, 9)} textAnchor="end" fontSize={10} fill="var(--mantine-color-text)">
              size {crew.size}
            </text>
            {years.map((year) => (
              <g key={year.label}>
                <line x1={year.x} x2={year.x} y1={CHART_HEIGHT} y2={CHART_HEIGHT + 4} stroke="var(--mantine-color-dimmed)" />
                <text x={Math.min(year.x + 2, width - 26)} y={CHART_HEIGHT + AXIS_HEIGHT - 2} fontSize={10} fill="var(--mantine-color-dimmed)">
                  {year.label}
                </text>
              </g>
            ))}
          </svg>
        </ScrollArea>
      )}
      {overloads.map((o) => (
        <Text key={o.from} size="xs" c="red">
          {o.from} – {o.to}: {o.peak} sites for a crew of {crew.size}
        </Text>
      ))}
    </div>
  );
}

/** A tick where each year begins, leaving out a label that would run into the one before it. */
function yearTicks(weekStarts: string[], weekWidth: number): { x: number; label: string }[] {
  const ticks: { x: number; label: string }[] = [];
  weekStarts.forEach((start, i) => {
    const year = start.slice(0, 4);
    if (i > 0 && year === weekStarts[i - 1]!.slice(0, 4)) return;
    const x = i * weekWidth;
    if (ticks.length > 0 && x - ticks.at(-1)!.x < 32) ticks.pop();
    ticks.push({ x, label: year });
  });
  return ticks;
}
