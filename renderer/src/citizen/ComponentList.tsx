import { useTranslation } from 'react-i18next';
import type { CitizenComponent } from '../../../shared/api/rooms/citizen';
import { big, subtle } from './styles';

/** The papers of the dossier, each ticked as soon as its pages are scanned. */
export function ComponentList({ components }: { components: CitizenComponent[] }) {
  const { t } = useTranslation();
  return (
    <ul
      style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 10 }}
    >
      {components.map((c, i) => (
        <li
          key={i}
          style={{ ...big, display: 'flex', gap: 14, alignItems: 'baseline' }}
          data-testid="citizen-component"
          data-done={c.done ? 'true' : 'false'}
        >
          <span
            aria-hidden
            style={{
              width: 36,
              flex: 'none',
              fontWeight: 700,
              color: c.done ? '#0b6b3a' : c.excepted ? '#a15c00' : '#98a2b3',
            }}
          >
            {c.done ? '✓' : c.excepted ? '!' : '○'}
          </span>
          <span style={{ flex: 1 }}>
            {c.name}
            {!c.required && <span style={{ ...subtle, fontSize: 22 }}> ({t('citizen.optional')})</span>}
          </span>
          <span style={{ ...subtle, flex: 'none' }}>
            {c.done
              ? t('citizen.pages', { count: c.pages })
              : c.excepted
                ? t('citizen.excepted')
                : t('citizen.noPages')}
          </span>
        </li>
      ))}
    </ul>
  );
}
