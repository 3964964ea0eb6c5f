/**
 * The floor under the command's figures: a fresh Node process that reads a ready-made scheduler
 * input from JSON and schedules it once, with no plan file, nothing stored and nothing printed.
 * The bench bundles it (as the command is bundled) and times the whole process.
 */
import { readFileSync } from 'node:fs';
import { generateSchedule } from '../shared/scheduler/schedule';

const schedule = generateSchedule(JSON.parse(readFileSync(process.argv[2]!, 'utf8')));
if (schedule.waves.length === 0) process.exitCode = 1;
