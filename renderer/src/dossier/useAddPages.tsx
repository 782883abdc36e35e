import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dossier, DossierComponent } from '../../../shared/api';
import { useAttempt, useLang } from '../api/hooks';
import { useStation } from '../api/StationContext';
import { ErrorDetail } from '../util/ErrorDetail';
import { errorToast } from '../util/error-toast';
import { addFiles } from './addFiles';

/** Adds picked or dropped files to a component and tells the clerk what was refused. */
export function useAddPages(
  dossierId: string,
  component: DossierComponent,
  onDossier: (dossier: Dossier) => void,
  setBusyText: (text: string | null) => void,
): (files: File[]) => void {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const { client } = useStation();
  const attempt = useAttempt();
  const lang = useLang();

  return (files) => {
    const total = files.length;
    setBusyText(t('component.adding', { count: total }));
    const run = async () => {
      await attempt(async () => {
        const outcome = await addFiles(client, dossierId, component.code, files, (done) =>
          setBusyText(`${t('component.adding', { count: total })} ${done}/${total}`),
        );
        if (outcome.dossier) onDossier(outcome.dossier);
        if (outcome.added.length > 0) {
          message.success(t('component.added', { count: outcome.added.length, name: component.name }));
        }
        // Each refused file's sentence on screen; a program's own words only behind "Chi tiết".
        const refused = errorToast(
          outcome.rejected.map((r) => r.error),
          lang,
        );
        const problems = [
          ...refused.lines,
          ...outcome.unreadable.map((name) => t('component.readFailed', { name })),
        ];
        if (problems.length > 0) {
          notification.error({
            title: t('component.rejectedTitle', { count: problems.length }),
            description: (
              <>
                <ul style={{ paddingInlineStart: 18, margin: 0 }} data-testid="rejected-files">
                  {problems.map((p, i) => (
                    <li key={i}>{p}</li>
                  ))}
                </ul>
                <ErrorDetail detail={refused.detail} />
              </>
            ),
            duration: 0,
            placement: 'bottomRight',
          });
        }
      });
      setBusyText(null);
    };
    void run();
  };
}
