// A titled group of the editor's controls, with an optional hint.
import type { ReactNode } from 'react';

export function ControlGroup({ title, hint, children }: { readonly title: string; readonly hint?: string; readonly children: ReactNode }) {
  return (
    <section className="scn-group" aria-label={title}>
      <h3 className="scn-group-title">{title}</h3>
      {hint ? <p className="scn-group-hint muted">{hint}</p> : null}
      {children}
    </section>
  );
}
