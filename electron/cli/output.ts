export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

export interface CommandOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface CommandArgs {
  positionals: string[];
  values: Record<string, string | undefined>;
}

export class UsageError extends Error {}
