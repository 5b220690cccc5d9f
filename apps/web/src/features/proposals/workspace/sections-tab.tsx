import type { Call, Proposal } from '@kizuna/shared';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/states';
import { SectionEditor } from './section-editor';

/** The call's sections, each with its own autosaving editor. */
export function SectionsTab({ proposal, call, editable }: { proposal: Proposal; call: Call; editable: boolean }) {
  const { t } = useTranslation();
  if (call.sections.length === 0) {
    return (
      <EmptyState>
        <p>{t('proposals.sections.none')}</p>
      </EmptyState>
    );
  }
  return (
    <div className="stack">
      {editable && <p className="muted">{t('proposals.sections.intro')}</p>}
      {call.sections.map((callSection) => {
        const section = proposal.sections.find((s) => s.key === callSection.key) ?? {
          key: callSection.key,
          content: '',
          version: 0,
          updatedAt: null,
        };
        return (
          <SectionEditor
            key={callSection.key}
            proposalId={proposal.id}
            callSection={callSection}
            section={section}
            editable={editable}
          />
        );
      })}
    </div>
  );
}
