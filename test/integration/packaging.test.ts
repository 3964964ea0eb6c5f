// electron-builder cannot run on the development machine (no Electron download): its configuration
// is checked here instead, for what the security and packaging issue asks of it.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const config = yaml.load(readFileSync(`${ROOT}electron-builder.yml`, 'utf8')) as Record<string, any>;

describe('the packaging configuration', () => {
  it('builds AppImage and deb for Linux, NSIS for Windows and dmg for macOS, with the icon', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target).toContain('nsis');
    expect(config.mac.target).toContain('dmg');
    expect(existsSync(`${ROOT}${config.icon}`)).toBe(true);
    const png = readFileSync(`${ROOT}${config.icon}`);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
  });

  it('opens .waveplan files (and site-lead packets) with the app', () => {
    expect(config.fileAssociations.map((a: { ext: string }) => a.ext)).toEqual(expect.arrayContaining(['waveplan', 'wavepacket']));
  });

  it('sets the Electron fuses: no running as Node, no NODE_OPTIONS or inspect, encrypted cookies, asar only and integrity-checked', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it("unpacks better-sqlite3's native addon from the archive, and packs the built app", () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining([expect.stringMatching(/better-sqlite3.*\.node/)]));
    expect(config.files).toEqual(expect.arrayContaining(['out/**/*']));
    expect(config.extraMetadata.main).toBe(JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')).main);
  });
});
