import { describe, expect, test } from 'vitest';
import { fileSafeName } from '../../src/cli/fileNames.js';

describe('fileSafeName', () => {
  test.each([
    ['sobel_x', 'sobel_x'],
    ['custom1', 'custom1'],
    ['my ridge.v2', 'my ridge.v2'],
    ['box:21', 'box-21'],
    ['box:5x3', 'box-5x3'],
    ['gaussian:15', 'gaussian-15'],
    ['gaussian:15:3', 'gaussian-15-3'],
    ['gaussian:5:1.5', 'gaussian-5-1.5'],
  ])('%j → %j', (name, file) => {
    expect(fileSafeName(name)).toBe(file);
  });

  test('every character Windows refuses becomes -, one for one', () => {
    expect(fileSafeName('a<b>c:d"e/f\\g|h?i*j')).toBe('a-b-c-d-e-f-g-h-i-j');
    expect(fileSafeName('<>:"/\\|?*')).toBe('---------');
  });

  test('control characters become -', () => {
    expect(fileSafeName('a\u0000b\tc\nd\u001fe\u007ff')).toBe('a-b-c-d-e-f');
  });

  test('a final dot or space gets a _ after it', () => {
    expect(fileSafeName('ridge.')).toBe('ridge._');
    expect(fileSafeName('ridge ')).toBe('ridge _');
    expect(fileSafeName('ridge..')).toBe('ridge.._');
    expect(fileSafeName('.')).toBe('._');
  });

  test.each([
    ['CON', 'CON_'],
    ['con', 'con_'],
    ['Prn', 'Prn_'],
    ['aux', 'aux_'],
    ['nul', 'nul_'],
    ['COM1', 'COM1_'],
    ['com9', 'com9_'],
    ['LPT1', 'LPT1_'],
    ['lpt9', 'lpt9_'],
    ['nul.txt', 'nul_.txt'],
    ['CON.tar.gz', 'CON_.tar.gz'],
    ['con .txt', 'con_ .txt'],
  ])('the Windows device name %j → %j', (name, file) => {
    expect(fileSafeName(name)).toBe(file);
  });

  test('names that only contain or resemble a device name stay as they are', () => {
    for (const name of ['console', 'icon', 'nul_x', 'com10', 'lpt', 'com', 'xcon.txt', 'auxiliary.json', 'nul-'])
      expect(fileSafeName(name)).toBe(name);
  });

  test('a device name with a final dot gets both _', () => {
    expect(fileSafeName('con.')).toBe('con_._');
  });

  test('every rule at once', () => {
    expect(fileSafeName('aux:1?.')).toBe('aux-1-._');
  });
});
