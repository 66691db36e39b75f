// A shell in one running container (admins): xterm.js on the terminal's WebSocket, fitted to the page.
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'wouter';
import { useLocation } from '../../shared/router';
import { keystrokes, resizeFrame, terminalUrl } from './terminalSocket';

type State = 'connecting' | 'open' | 'closed';

export default function TerminalPage() {
  const { id = '' } = useParams<{ id: string }>();
  const { query } = useLocation();
  const host = query.get('host') ?? undefined;
  const screen = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<State>('connecting');
  const [reason, setReason] = useState('');

  useEffect(() => {
    const term = new Terminal({ cursorBlink: true, fontSize: 14, scrollback: 5000 });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(screen.current!);
    fit.fit();
    const socket = new WebSocket(terminalUrl(window.location, id, host));
    socket.binaryType = 'arraybuffer';
    const sendSize = () => socket.readyState === WebSocket.OPEN && socket.send(resizeFrame(term.cols, term.rows));
    // The size goes first: the server starts the shell on the first frame, at this size.
    socket.onopen = () => { setState('open'); sendSize(); term.focus(); };
    socket.onmessage = (e) => term.write(typeof e.data === 'string' ? e.data : new Uint8Array(e.data as ArrayBuffer));
    socket.onclose = (e) => { setState('closed'); setReason(e.reason || (e.code === 1006 ? 'the connection was refused or lost' : '')); };
    const typed = term.onData((d) => socket.readyState === WebSocket.OPEN && socket.send(keystrokes(d)));
    const resized = term.onResize(sendSize);
    const onWindow = () => fit.fit();
    window.addEventListener('resize', onWindow);
    return () => {
      window.removeEventListener('resize', onWindow);
      typed.dispose();
      resized.dispose();
      socket.close(); // the server then ends the shell and what it started
      term.dispose();
    };
  }, [id, host]);

  return (
    <section className="terminal-page">
      <h1>Terminal: {id}</h1>
      <p role="status" data-state={state}>
        {state === 'connecting' ? 'Connecting…' : state === 'open' ? 'Connected' : `Closed${reason ? `: ${reason}` : ''}`}
      </p>
      <div ref={screen} className="terminal-screen" data-testid="terminal" />
    </section>
  );
}
