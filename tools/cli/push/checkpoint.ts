/**
 * Resume state of `modjo-sf push`.
 * - The results file (JSONL, appended once per answered batch) is the journal: one line per call that reached a
 *   final state in a run.
 * - The checkpoint (JSON, rewritten after every answered batch through a temporary file + fsync + rename, so it is
 *   always either the previous or the next complete version) maps acknowledged modjoCallId → version.
 * On start both are read: a call is skipped when either says its version (or a newer one) was acknowledged, so a
 * process killed between the two writes neither loses nor re-sends a call.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError } from '../cli-kit';

export const CHECKPOINT_FORMAT = 'modjo-sf-checkpoint/1';

export interface CheckpointData {
  format: typeof CHECKPOINT_FORMAT;
  target: string;
  updatedAt: string;
  acknowledged: Record<string, number>;
}

/** One line of the results file. */
export interface ResultLine {
  modjoCallId: string;
  version: number;
  acknowledged: boolean;
  outcome: string;
  source: string;
  line?: number;
  pointer: string;
  attempts: number;
  salesforceId?: string;
  activityId?: string;
  noteId?: string;
  matchStatus?: string;
  warnings: unknown[];
  errors: unknown[];
  at: string;
}

export class Checkpoint {
  private readonly acknowledged = new Map<string, number>();
  private dirty = false;
  private lastSave = 0;

  constructor(
    readonly file: string,
    readonly resultsFile: string,
    readonly target: string
  ) {}

  /** Reads the checkpoint and the results journal; refuses a checkpoint written for another org. */
  load(): { fromCheckpoint: number; fromJournal: number } {
    let fromCheckpoint = 0;
    let fromJournal = 0;
    if (fs.existsSync(this.file)) {
      let data: CheckpointData;
      try {
        data = JSON.parse(fs.readFileSync(this.file, 'utf8')) as CheckpointData;
      } catch (error) {
        throw new CliError(`Checkpoint ${this.file} is unreadable: ${(error as Error).message}`, 1, 'CheckpointError');
      }
      if (data.format !== CHECKPOINT_FORMAT) {
        throw new CliError(`${this.file} is not a modjo-sf checkpoint`, 1, 'CheckpointError');
      }
      if (data.target !== this.target) {
        throw new CliError(
          `Checkpoint ${this.file} belongs to ${data.target}, not ${this.target}: pass another --checkpoint file`,
          1,
          'CheckpointError'
        );
      }
      for (const [id, version] of Object.entries(data.acknowledged)) {
        this.acknowledged.set(id, version);
        fromCheckpoint++;
      }
    }
    this.removeStaleTemporaryFiles();
    if (fs.existsSync(this.resultsFile)) {
      const text = fs.readFileSync(this.resultsFile, 'utf8');
      // A line cut by a killed process stays on its own (ignored) instead of swallowing the next one.
      if (text.length > 0 && !text.endsWith('\n')) fs.appendFileSync(this.resultsFile, '\n');
      for (const raw of text.split('\n')) {
        if (!raw.trim()) continue;
        let line: ResultLine;
        try {
          line = JSON.parse(raw) as ResultLine;
        } catch {
          continue; // a line cut by a killed process: that batch is not acknowledged on our side
        }
        if (line.acknowledged && typeof line.modjoCallId === 'string' && typeof line.version === 'number') {
          if (this.add(line.modjoCallId, line.version)) fromJournal++;
        }
      }
      if (fromJournal > 0) this.save();
    }
    return { fromCheckpoint, fromJournal };
  }

  /** Temporary files of saves interrupted by a kill (`<checkpoint>.<pid>.tmp`): never read, safe to remove. */
  private removeStaleTemporaryFiles(): void {
    const absolute = path.resolve(this.file);
    const dir = path.dirname(absolute);
    const prefix = `${path.basename(absolute)}.`;
    if (!fs.existsSync(dir)) return;
    for (const name of fs.readdirSync(dir)) {
      if (name.startsWith(prefix) && /^\d+\.tmp$/.test(name.slice(prefix.length))) {
        fs.rmSync(path.join(dir, name), { force: true });
      }
    }
  }

  isAcknowledged(modjoCallId: string, version: number): boolean {
    const stored = this.acknowledged.get(modjoCallId);
    return stored !== undefined && stored >= version;
  }

  /** Returns true when it changed the state. */
  add(modjoCallId: string, version: number): boolean {
    const stored = this.acknowledged.get(modjoCallId);
    if (stored !== undefined && stored >= version) return false;
    this.acknowledged.set(modjoCallId, version);
    this.dirty = true;
    return true;
  }

  get size(): number {
    return this.acknowledged.size;
  }

  /** Appends result lines in one write (journal first, then checkpoint). */
  appendResults(lines: ResultLine[]): void {
    if (lines.length === 0) return;
    fs.mkdirSync(path.dirname(path.resolve(this.resultsFile)), { recursive: true });
    fs.appendFileSync(this.resultsFile, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  }

  /** Saves when the last save is older than `intervalMs` (the journal covers the gap). */
  saveThrottled(intervalMs: number): void {
    if (Date.now() - this.lastSave >= intervalMs) this.save();
  }

  /** Atomic rewrite: temporary file, fsync, rename. */
  save(): void {
    if (!this.dirty && fs.existsSync(this.file)) return;
    const data: CheckpointData = {
      format: CHECKPOINT_FORMAT,
      target: this.target,
      updatedAt: new Date().toISOString(),
      acknowledged: Object.fromEntries(this.acknowledged)
    };
    const absolute = path.resolve(this.file);
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    const temp = `${absolute}.${process.pid}.tmp`;
    const fd = fs.openSync(temp, 'w');
    try {
      fs.writeSync(fd, JSON.stringify(data));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, absolute);
    this.dirty = false;
    this.lastSave = Date.now();
  }
}
