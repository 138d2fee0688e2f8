import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError } from '../../../components/Field';
import { useAction } from '../../../hooks/useAction';

export interface ServicePointValues {
  name: string;
  address: string;
  timeZone: string;
  contact: string;
}

/** Name, address, time zone, contact: « Nouveau point de service » (with its first workstations) and « Modifier ». */
export function ServicePointForm({
  initial,
  withWorkstations,
  submitLabel,
  onSubmit,
}: {
  initial: ServicePointValues;
  withWorkstations?: boolean;
  submitLabel: string;
  onSubmit: (values: ServicePointValues & { workstations?: number }) => Promise<void>;
}) {
  const { t } = useTranslation('adminOrg');
  const [values, setValues] = useState(initial);
  const [workstations, setWorkstations] = useState('2');
  const action = useAction();
  const set = (k: keyof ServicePointValues) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(() => onSubmit(withWorkstations ? { ...values, workstations: Number(workstations) } : values));
  };
  return (
    <form onSubmit={submit} noValidate>
      <FormError error={action.formError} />
      <Field
        label={t('points.name')}
        value={values.name}
        onChange={set('name')}
        required
        error={action.fieldError('name')}
      />
      <Field
        label={t('points.address')}
        value={values.address}
        onChange={set('address')}
        required
        error={action.fieldError('address')}
      />
      <Field
        label={t('points.timeZone')}
        value={values.timeZone}
        onChange={set('timeZone')}
        required
        error={action.fieldError('timeZone')}
      />
      <Field
        label={t('points.contact')}
        hint={t('points.contactHint')}
        value={values.contact}
        onChange={set('contact')}
        error={action.fieldError('contact')}
      />
      {withWorkstations && (
        <Field
          label={t('points.initialWorkstations')}
          type="number"
          min={0}
          max={200}
          value={workstations}
          onChange={(e) => setWorkstations(e.target.value)}
          error={action.fieldError('workstations')}
        />
      )}
      <button type="submit" className="button primary" disabled={action.busy}>
        {submitLabel}
      </button>
    </form>
  );
}
