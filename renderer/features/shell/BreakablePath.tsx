// A file path that wraps at its separators ("/", ".", "_", "-") rather than mid-word.
import { Fragment } from 'react';
import { pathBreakParts } from './rich-text.js';

export function BreakablePath({ path }: { path: string }) {
  return (
    <>
      {pathBreakParts(path).map((part, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </>
  );
}
