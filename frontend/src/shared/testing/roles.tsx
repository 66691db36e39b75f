// Test helpers for what a role may do: a signed-in user of a role, a tree rendered for them, and the
// check every destructive action's test makes, that a viewer sees it disabled and never reaches the server.
import { act, type ReactNode } from 'react';
import { expect, vi } from 'vitest';
import type { Me } from '../api/types';
import { MeContext } from '../session/me';
import { button } from './dom';
import { renderInto } from './render';

/** A signed-in user (vic) of `role`. */
export const userAs = (role: Me['role']): Me => ({ actor_type: 'user', name: 'vic', role });

/** Renders `ui` (renderInto) for `me`. */
export const renderAs = (me: Me, ui: ReactNode) => renderInto(<MeContext.Provider value={me}>{ui}</MeContext.Provider>);

/** For a viewer, the button `text` in `ui` is disabled with `reason` as its tooltip, and a click sends nothing.
 * The caller restores the fetch spy (vi.restoreAllMocks after each test). */
export function expectViewerRefused(ui: ReactNode, text: string, reason: string) {
  const fetch = vi.spyOn(globalThis, 'fetch');
  const { div } = renderAs(userAs('viewer'), ui);
  const action = button(div, text)!;
  expect(action.disabled).toBe(true);
  expect(action.getAttribute('title')).toBe(reason);
  act(() => action.click());
  expect(fetch).not.toHaveBeenCalled();
}
