import { BUDGET_CATEGORIES } from '@kizuna/shared';
import type { InputHTMLAttributes, ReactNode } from 'react';
import { type FieldError, type FieldPath, get, type UseFormReturn, useFieldArray, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Grant } from '../../../api/grants';
import { SelectField, TextAreaField, TextField } from '../../../components/form';
import type { grantReportsEn } from '../../../i18n/grant-reports.en';
import { Row } from '../../calls/editor/fields';
import { countryList, EMPTY_OUTPUT, isJointPublication, type OutputKind, type ReportValues } from './report-model';
import { partnerOption, useAmountHint } from './report-text';

/*
 * The report editor's fields: the narrative, the five output lists and the spending lines. Rows are named groups
 * ("Publication 1") so a field is found by its group and label; each list has `<kind>-row` rows and an
 * `add-<kind>` button for browser tests.
 */

type Form = UseFormReturn<ReportValues>;
type Path = FieldPath<ReportValues>;

const NARRATIVE = ['summary', 'progress', 'deviations', 'nextSteps'] as const;
const PATENT_STATUSES = ['FILED', 'GRANTED'] as const;
const LEVELS = ['PHD', 'MASTER', 'BACHELOR', 'POSTDOC', 'TECHNICIAN', 'OTHER'] as const;
const LIMITS = { publications: 200, datasets: 100, patents: 50, prototypes: 50, trainedPeople: 100 } as const;

function errorAt(form: Form, path: string): FieldError | undefined {
  return get(form.formState.errors, path) as FieldError | undefined;
}

/** A text input registered at `path`, with its error. */
function Text({
  owner,
  path,
  label,
  ...input
}: { owner: Form; path: Path; label: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return <TextField label={label} error={errorAt(owner, path)} {...input} {...owner.register(path)} />;
}

export function NarrativeFields({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="report-narrative-title">
      <h2 id="report-narrative-title">{t('grantReports.narrative.title')}</h2>
      {NARRATIVE.map((field) => (
        <TextAreaField
          key={field}
          label={t(`grantReports.narrative.${field}`)}
          hint={t(`grantReports.narrative.${field}Hint`)}
          rows={field === 'progress' ? 8 : 4}
          error={errorAt(form, `narrative.${field}`)}
          data-testid={`report-narrative-${field}`}
          {...form.register(`narrative.${field}`)}
        />
      ))}
    </section>
  );
}

/** "Joint publication" beside a publication whose author countries are two or more. */
function JointBadge({ form, index }: { form: Form; index: number }) {
  const { t } = useTranslation();
  const countries = useWatch({ control: form.control, name: `outputs.publications.${index}.countries` });
  if (!isJointPublication(countryList(countries ?? ''))) return null;
  return (
    <span className="badge badge-open" data-testid="joint-publication">
      {t('grantReports.outputs.joint')}
    </span>
  );
}

/** The fields of one row of an output list. */
function OutputRowFields({ form, kind, index }: { form: Form; kind: OutputKind; index: number }) {
  const { t } = useTranslation();
  const at = `outputs.${kind}.${index}` as const;
  const label = (field: keyof typeof grantReportsEn.outputs.fields) => t(`grantReports.outputs.fields.${field}`);
  switch (kind) {
    case 'publications':
      return (
        <>
          <div className="row-title">
            <Text owner={form} path={`${at}.title` as Path} label={label('title')} maxLength={500} />
          </div>
          <Text owner={form} path={`${at}.doi` as Path} label={label('doi')} hint={t('grantReports.outputs.doiHint')} />
          <Text owner={form} path={`${at}.venue` as Path} label={label('venue')} maxLength={300} />
          <Text owner={form} path={`${at}.year` as Path} label={label('year')} inputMode="numeric" />
          <Text
            owner={form}
            path={`${at}.countries` as Path}
            label={label('countries')}
            hint={t('grantReports.outputs.countriesHint')}
          />
          <JointBadge form={form} index={index} />
        </>
      );
    case 'datasets':
      return (
        <>
          <div className="row-title">
            <Text owner={form} path={`${at}.title` as Path} label={label('title')} maxLength={500} />
          </div>
          <Text owner={form} path={`${at}.url` as Path} label={label('url')} type="url" />
          <Text owner={form} path={`${at}.doi` as Path} label={label('doi')} hint={t('grantReports.outputs.doiHint')} />
        </>
      );
    case 'patents':
      return (
        <>
          <div className="row-title">
            <Text owner={form} path={`${at}.title` as Path} label={label('title')} maxLength={500} />
          </div>
          <Text owner={form} path={`${at}.number` as Path} label={label('number')} maxLength={100} />
          <Text owner={form} path={`${at}.office` as Path} label={label('office')} maxLength={100} />
          <SelectField label={label('patentStatus')} {...form.register(`${at}.status` as Path)}>
            {PATENT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`grantReports.outputs.patentStatus.${status}`)}
              </option>
            ))}
          </SelectField>
        </>
      );
    case 'prototypes':
      return (
        <>
          <div className="row-title">
            <Text owner={form} path={`${at}.title` as Path} label={label('title')} maxLength={500} />
          </div>
          <div className="row-title">
            <TextAreaField
              label={label('description')}
              rows={2}
              maxLength={2000}
              error={errorAt(form, `${at}.description`)}
              {...form.register(`${at}.description` as Path)}
            />
          </div>
        </>
      );
    case 'trainedPeople':
      return (
        <>
          <SelectField label={label('level')} {...form.register(`${at}.level` as Path)}>
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`grantReports.outputs.levels.${level}`)}
              </option>
            ))}
          </SelectField>
          <Text
            owner={form}
            path={`${at}.countryCode` as Path}
            label={label('countryCode')}
            hint={t('grantReports.outputs.countryHint')}
            maxLength={2}
          />
          <Text owner={form} path={`${at}.count` as Path} label={label('count')} inputMode="numeric" />
        </>
      );
  }
}

/** A repeatable list of rows: a heading, the rows (each removable), an "Add" button. */
function RowList({
  title,
  empty,
  addLabel,
  addTestId,
  full,
  onAdd,
  children,
}: {
  title: string;
  empty: string;
  addLabel: string;
  addTestId: string;
  full: boolean;
  onAdd: () => void;
  children: ReactNode[];
}) {
  return (
    <div className="stack-tight">
      <h3>{title}</h3>
      {children.length === 0 ? <p className="muted small">{empty}</p> : children}
      <div>
        <button type="button" className="button button-small" disabled={full} onClick={onAdd} data-testid={addTestId}>
          {addLabel}
        </button>
      </div>
    </div>
  );
}

function OutputList({ form, kind }: { form: Form; kind: OutputKind }) {
  const { t } = useTranslation();
  const rows = useFieldArray({ control: form.control, name: `outputs.${kind}` });
  return (
    <RowList
      title={t(`grantReports.outputs.${kind}.title`)}
      empty={t(`grantReports.outputs.${kind}.empty`)}
      addLabel={t(`grantReports.outputs.${kind}.add`)}
      addTestId={`add-${kind}`}
      full={rows.fields.length >= LIMITS[kind]}
      onAdd={() => rows.append({ ...EMPTY_OUTPUT[kind] } as never)}
    >
      {rows.fields.map((field, index) => (
        <Row
          key={field.id}
          label={t(`grantReports.outputs.${kind}.row`, { n: index + 1 })}
          testId={`${kind}-row`}
          removeLabel={t('grantReports.remove')}
          onRemove={() => rows.remove(index)}
        >
          <OutputRowFields form={form} kind={kind} index={index} />
        </Row>
      ))}
    </RowList>
  );
}

export function OutputsFields({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="report-outputs-title">
      <h2 id="report-outputs-title">{t('grantReports.outputs.title')}</h2>
      {(['publications', 'datasets', 'patents', 'prototypes', 'trainedPeople'] as const).map((kind) => (
        <OutputList key={kind} form={form} kind={kind} />
      ))}
    </section>
  );
}

function SpendingRow({ form, grant, index }: { form: Form; grant: Grant; index: number }) {
  const { t } = useTranslation();
  const amountHint = useAmountHint();
  const at = `spending.${index}` as const;
  const partnerId = useWatch({ control: form.control, name: `${at}.partnerId` });
  const currency = grant.partners.find((p) => p.id === partnerId)?.currency ?? grant.currency;
  return (
    <>
      <SelectField label={t('grantReports.spending.partner')} {...form.register(`${at}.partnerId`)}>
        {grant.partners.map((partner) => (
          <option key={partner.id} value={partner.id}>
            {partnerOption(partner)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('grantReports.spending.category')}
        error={errorAt(form, `${at}.category`)}
        {...form.register(`${at}.category`)}
      >
        {BUDGET_CATEGORIES.map((category) => (
          <option key={category} value={category}>
            {t(`proposals.budget.categories.${category}`)}
          </option>
        ))}
      </SelectField>
      <Text
        owner={form}
        path={`${at}.amount`}
        label={t('grantReports.spending.amount', { currency })}
        hint={amountHint(currency)}
        inputMode="decimal"
      />
    </>
  );
}

/** Actual spending of the period, one line per partner × category, in the partner's currency. */
export function SpendingFields({ form, grant }: { form: Form; grant: Grant }) {
  const { t } = useTranslation();
  const rows = useFieldArray({ control: form.control, name: 'spending' });
  const first = grant.partners.find((p) => p.active) ?? grant.partners[0];
  return (
    <section className="stack" aria-labelledby="report-spending-title">
      <h2 id="report-spending-title">{t('grantReports.spending.title')}</h2>
      <p className="muted small">{t('grantReports.spending.intro')}</p>
      <RowList
        title={t('grantReports.spending.lines')}
        empty={t('grantReports.spending.empty')}
        addLabel={t('grantReports.spending.add')}
        addTestId="add-spending"
        full={rows.fields.length >= 500 || !first}
        onAdd={() => rows.append({ partnerId: first?.id ?? '', category: 'PERSONNEL', amount: '' })}
      >
        {rows.fields.map((field, index) => (
          <Row
            key={field.id}
            label={t('grantReports.spending.row', { n: index + 1 })}
            testId="spending-row"
            removeLabel={t('grantReports.remove')}
            onRemove={() => rows.remove(index)}
          >
            <SpendingRow form={form} grant={grant} index={index} />
          </Row>
        ))}
      </RowList>
    </section>
  );
}
