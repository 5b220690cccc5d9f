import type { ReactNode } from 'react';
import { PageTitle } from '../../components/page-title';

/** The narrow centred card of the signed-out pages. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card auth-card">
      <PageTitle title={title} />
      <h1>{title}</h1>
      {children}
    </section>
  );
}
