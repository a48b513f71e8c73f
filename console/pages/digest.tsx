/**
 * The signed-in officer's or adjudicator's digest as it stands now (GET
 * /api/v1/digest/today): what they hold, and each court's items overdue,
 * due today and due soon, each linked to its case.
 */
import { useEffect, useState } from 'preact/hooks';
import { Page } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { useLanguage } from '../i18n/language';
import { href } from '../router';
import { useSignedInRequest } from './signed-in';

interface Line {
  itemId: string;
  reference: string;
  title: string;
  due: string;
  heldBy: string | null;
}
interface Section {
  count: number;
  items: Line[];
}
interface Sections {
  overdue: Section;
  dueToday: Section;
  dueSoon: Section;
}
interface Digest {
  digest: { date: string; horizonWorkingDays: number; mine: Sections; courts: { court: string; sections: Sections }[] };
}

export function DigestPage() {
  const { t } = useLanguage();
  const request = useSignedInRequest();
  const [digest, setDigest] = useState<Digest['digest'] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    request<Digest>('GET', '/api/v1/digest/today').then(
      (found) => found && setDigest(found.digest),
      (err: unknown) => setError(err),
    );
  }, []);
  return (
    <Page title={t('digest.title')}>
      {error !== null && <ProblemAlert error={error} />}
      {digest === null && error === null && <p role="status">{t('app.loading')}</p>}
      {digest && (
        <>
          <p>
            {digest.date} · {t('digest.intro', { days: digest.horizonWorkingDays })}
          </p>
          <SectionsView heading={t('digest.mine')} sections={digest.mine} />
          {digest.courts.map((c) => (
            <SectionsView key={c.court} heading={t('digest.court', { court: c.court })} sections={c.sections} />
          ))}
        </>
      )}
    </Page>
  );
}

function SectionsView({ heading, sections }: { heading: string; sections: Sections }) {
  const { t, language } = useLanguage();
  const part = (key: 'digest.overdue' | 'digest.dueToday' | 'digest.dueSoon', section: Section) => (
    <>
      <h3>{t(key, { count: section.count })}</h3>
      {section.items.length > 0 && (
        <ul>
          {section.items.map((line) => (
            <li key={line.itemId}>
              <span class="nowrap">{line.due}</span> · <a href={href(`/cases/${line.reference}`)}>{line.reference}</a> ·{' '}
              <span lang={language === 'en' ? undefined : 'en'}>{line.title}</span>
              {line.heldBy && <span class="hint"> · {t('digest.heldBy', { name: line.heldBy })}</span>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
  return (
    <section>
      <h2>{heading}</h2>
      {part('digest.overdue', sections.overdue)}
      {part('digest.dueToday', sections.dueToday)}
      {part('digest.dueSoon', sections.dueSoon)}
    </section>
  );
}
