/**
 * Whether a plan file lies on a network file system, where SQLite's locking and write-ahead log
 * cannot be trusted (https://www.sqlite.org/wal.html: "WAL does not work over a network filesystem").
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const NETWORK_TYPES = new Set(['nfs', 'nfs4', 'cifs', 'smbfs', 'smb3', '9p', 'afs', 'ncpfs', 'fuse.sshfs', 'davfs', 'fuse.rclone', 'glusterfs', 'ceph']);

/** The network file system type holding `path`, or null for a local disk (or when it cannot be told). */
export function networkFileSystemOf(path: string, mounts?: string, platform: NodeJS.Platform = process.platform): string | null {
  const full = resolve(path);
  if (platform === 'win32') return /^\\\\[^\\]+\\/.test(path) || /^\\\\[^\\]+\\/.test(full) ? 'a Windows network share' : null;
  if (platform !== 'linux' && mounts === undefined) return null;
  let table = mounts;
  if (table === undefined) {
    try {
      table = readFileSync('/proc/mounts', 'utf8');
    } catch {
      return null;
    }
  }
  // The longest mount point that holds the path decides.
  let best: { point: string; type: string } | null = null;
  for (const line of table.split('\n')) {
    const [, point, type] = line.split(' ');
    if (!point || !type) continue;
    const mountPoint = point.replace(/\\040/g, ' ');
    const holds = mountPoint === '/' || full === mountPoint || full.startsWith(`${mountPoint}/`);
    if (holds && (!best || mountPoint.length > best.point.length)) best = { point: mountPoint, type };
  }
  return best && NETWORK_TYPES.has(best.type) ? best.type : null;
}
