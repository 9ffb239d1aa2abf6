import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { claudeDirMatches, claudeProjectDirName, fileUriToPath, isInside } from '../../../../src/core/discovery/paths';
import { defaultLocations } from '../../../../src/core/discovery/locations';

// Expected names follow Claude Code's rule (every non-[A-Za-z0-9] UTF-16 unit -> '-'), written out by hand.
describe('claudeProjectDirName', () => {
  it('encodes POSIX, Windows, dotted, underscored and non-ASCII paths as Claude Code does', () => {
    assert.equal(claudeProjectDirName('/Users/foo/my_project'), '-Users-foo-my-project');
    assert.equal(claudeProjectDirName('/home/u/ai-blame.rs'), '-home-u-ai-blame-rs');
    assert.equal(claudeProjectDirName('C:\\Users\\foo\\project'), 'C--Users-foo-project');
    assert.equal(claudeProjectDirName('/home/u/café app'), '-home-u-caf--app');
    assert.equal(claudeProjectDirName('/home/u/Проект'), '-home-u-------');
    assert.equal(claudeProjectDirName('/x/🚀'), '-x---', 'an emoji is two UTF-16 units, so two dashes');
  });

  it('cuts names over 200 characters and adds the 32-bit string hash in base 36', () => {
    const p = '/home/u/' + 'very-long-folder-name/'.repeat(12) + 'end';
    // python3: h=(h<<5)-h+ord(c) as int32 over p, abs, base 36 -> 'pu2hkk'; name[:200] from re.sub
    const name = claudeProjectDirName(p);
    assert.equal(name.length, 200 + 1 + 'pu2hkk'.length);
    assert.ok(name.endsWith('-very-long-folder-pu2hkk'));
  });

  it('matches the workspace folder, its subfolders, and long names by their first 200 characters', () => {
    assert.ok(claudeDirMatches('-a-b', ['/a/b']));
    assert.ok(claudeDirMatches('-a-b-sub', ['/a/b']));
    assert.ok(!claudeDirMatches('-a-bc', ['/a/b']));
    const long = '/x/' + 'y'.repeat(250);
    assert.ok(claudeDirMatches(claudeProjectDirName(long).slice(0, 200) + '-otherhash', [long]));
  });
});

describe('isInside', () => {
  it('is true for the folder and below, false for a sibling sharing the prefix', () => {
    assert.ok(isInside('/a/b', '/a/b/', 'linux'));
    assert.ok(isInside('/a/b/c', '/a/b', 'linux'));
    assert.ok(!isInside('/a/bc', '/a/b', 'linux'));
    assert.ok(!isInside('/a/B', '/a/b', 'linux'));
  });
  it('ignores case and separator style on Windows; compares NFC with NFD', () => {
    assert.ok(isInside('c:\\Users\\Foo\\proj\\src', 'C:\\users\\foo\\Proj', 'win32'));
    assert.ok(isInside('C:/Users/foo/proj', 'C:\\Users\\foo\\proj', 'win32'));
    assert.ok(isInside('/a/cafe\u0301', '/a/caf\u00e9', 'darwin'));
  });
});

describe('fileUriToPath', () => {
  it('decodes VS Code workspace.json URIs', () => {
    assert.equal(fileUriToPath('file:///home/u/caf%C3%A9%20app', 'linux'), '/home/u/café app');
    assert.equal(fileUriToPath('file:///c%3A/Users/foo/proj', 'win32'), 'c:\\Users\\foo\\proj');
    assert.equal(fileUriToPath('file://server/share/proj', 'win32'), '\\\\server\\share\\proj');
    assert.equal(fileUriToPath('vscode-remote://ssh-remote%2Bbox/home/u', 'linux'), null);
    assert.equal(fileUriToPath('file:///bad%E0%A4%A', 'linux'), null);
  });
});

describe('defaultLocations', () => {
  it('uses each platform\'s VS Code user folder and the agents\' own variables', () => {
    const lin = defaultLocations({ home: '/h', env: { XDG_CONFIG_HOME: '/cfg', XDG_DATA_HOME: '/data', CODEX_HOME: '/cx' }, platform: 'linux' });
    assert.ok(lin.vscodeUserDirs.includes('/cfg/Code/User'));
    assert.ok(lin.vscodeUserDirs.includes('/h/.vscode-server/data/User'));
    assert.equal(lin.openCodeDataDir, '/data/opencode');
    assert.equal(lin.codexHome, '/cx');
    assert.deepEqual(lin.claudeConfigDirs, ['/h/.config/claude', '/h/.claude']);
    const mac = defaultLocations({ home: '/Users/z', env: {}, platform: 'darwin' });
    assert.ok(mac.vscodeUserDirs.includes('/Users/z/Library/Application Support/Code/User'));
    assert.equal(mac.openCodeDataDir, '/Users/z/.local/share/opencode');
    const win = defaultLocations({ home: 'C:\\Users\\z', env: { APPDATA: 'C:\\Users\\z\\AppData\\Roaming', CLAUDE_CONFIG_DIR: 'D:\\a, D:\\b' }, platform: 'win32' });
    assert.ok(win.vscodeUserDirs.includes('C:\\Users\\z\\AppData\\Roaming\\Code\\User'));
    assert.deepEqual(win.claudeConfigDirs, ['D:\\a', 'D:\\b']);
    assert.equal(win.geminiDir, 'C:\\Users\\z\\.gemini');
  });
});
