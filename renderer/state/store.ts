// The zustand store: state only. Changes go through `update(transition, ...args)` with the pure
// functions of transitions.ts.
import { create } from 'zustand';
import type { AppState } from './types.js';
import { initialState } from './transitions.js';

function preferredTheme(): AppState['theme'] {
  try {
    const saved = localStorage.getItem('obsready.theme');
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    /* storage unavailable */
  }
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const useApp = create<AppState>()(() => initialState(preferredTheme()));

export function update<A extends unknown[]>(fn: (state: AppState, ...args: A) => Partial<AppState>, ...args: A): void {
  useApp.setState((s) => fn(s, ...args));
}

export function getState(): AppState {
  return useApp.getState();
}
