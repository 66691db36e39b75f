// The terminal's WebSocket address and frames.
import { describe, expect, it } from 'vitest';
import { keystrokes, resizeFrame, terminalUrl } from './terminalSocket';

describe('terminal socket', () => {
  it('opens on the page’s own origin, ws or wss as the page, with no token', () => {
    expect(terminalUrl({ protocol: 'http:', host: '127.0.0.1:8080' }, 'web')).toBe(
      'ws://127.0.0.1:8080/api/containers/web/terminal?shell=auto');
    expect(terminalUrl({ protocol: 'https:', host: 'dash.example.com' }, 'a/b', 'h1')).toBe(
      'wss://dash.example.com/api/containers/a%2Fb/terminal?shell=auto&host=h1');
  });
  it('sends resizes as JSON text and keystrokes as bytes', () => {
    expect(JSON.parse(resizeFrame(120, 40))).toEqual({ type: 'resize', cols: 120, rows: 40 });
    expect(Array.from(keystrokes('ls\r'))).toEqual([108, 115, 13]);
  });
});
