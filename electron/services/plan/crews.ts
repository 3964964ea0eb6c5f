/** The plan's crews (rule 13): shared teams, each serving at most `size` sites at once in its phase. */
import { crewSchema, type Crew } from '../../../shared/domain';
import { parseWithProblems } from '../../../shared/interchange';
import { UserError } from '../errors';
import type { ReadHandle, WriteHandle } from './handles';
import { refuseDuplicates } from './unique-entries';

export function readCrews(h: ReadHandle): Crew[] {
  return h.all<Crew>('SELECT name, size, phase, notes FROM crews ORDER BY position');
}

/** Writes the crews that differ from those stored, in the order given. */
function writeCrews(h: WriteHandle, crews: Crew[]): void {
  const present = h.all<Crew & { id: number; position: number }>('SELECT id, name, size, phase, notes, position FROM crews');
  const byName = new Map(present.map((c) => [c.name.toLowerCase(), c]));
  const wanted = new Set(crews.map((c) => c.name.toLowerCase()));
  for (const c of present) if (!wanted.has(c.name.toLowerCase())) h.run('DELETE FROM crews WHERE id = ?', c.id);
  crews.forEach((crew, position) => {
    const was = byName.get(crew.name.toLowerCase());
    if (!was) h.run('INSERT INTO crews (name, size, phase, notes, position) VALUES (?, ?, ?, ?, ?)', crew.name, crew.size, crew.phase, crew.notes, position);
    else if (was.name !== crew.name || was.size !== crew.size || was.phase !== crew.phase || was.notes !== crew.notes || was.position !== position) {
      h.run('UPDATE crews SET name = ?, size = ?, phase = ?, notes = ?, position = ? WHERE id = ?', crew.name, crew.size, crew.phase, crew.notes, position, was.id);
    }
  });
}

/** Replaces the crews with `crews`, checked: each valid, names unique. */
export function saveCrews(h: WriteHandle, input: unknown[]): Crew[] {
  const crews = input.map((crew, i) => {
    const parsed = parseWithProblems(crewSchema, crew);
    if (!parsed.ok) throw new UserError('invalid-input', `Crew ${i + 1}: ${parsed.problems[0]!.path} ${parsed.problems[0]!.message}`, parsed.problems.map((p) => ({ ...p, path: `crews[${i}].${p.path}` })));
    return parsed.value;
  });
  refuseDuplicates(crews, 'name', 'crew');
  const before = readCrews(h);
  writeCrews(h, crews);
  h.audit.recordChanges('plan', 'crews', { crews: before }, { crews });
  return readCrews(h);
}

/** The crews of an imported plan, written into an emptied table. */
export function insertCrews(h: WriteHandle, crews: Crew[]): void {
  writeCrews(h, crews);
}
