/** axe-core run inside a page (launched with bypassCSP), for the accessibility gates. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Finding {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** What axe finds critical or serious on the page as it is now, one line per rule with a few of its elements. */
export async function seriousFindings(page: Page): Promise<string[]> {
  // A dialog or menu still fading in is half transparent, and axe would judge the contrast of that passing frame.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), undefined, { timeout: 5_000 });
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ content: AXE_SOURCE });
  const findings = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' — ' + (n.failureSummary ?? '').split('\\n').slice(1).join(' ')) })))`)) as Finding[];
  return findings.map((f) => `${f.impact} ${f.id} (${f.help}): ${f.nodes.join(' | ')}`);
}
