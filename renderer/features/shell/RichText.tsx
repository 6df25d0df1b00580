// Remediation and action texts come from the rule catalogue in Markdown-ish form: `code` spans.
// Shown as <code>, never with the backticks.
import { Fragment } from 'react';
import { splitCode } from './rich-text.js';

export function RichText({ text }: { text: string }) {
  return (
    <>
      {splitCode(text).map((part, i) => (part.code ? <code key={i}>{part.text}</code> : <Fragment key={i}>{part.text}</Fragment>))}
    </>
  );
}
