/**
 * The small claims the signed-in account works on: GET /api/v1/sct/claims,
 * newest filed first, a page at a time. Court staff see every case there,
 * so for them the page is "Cases", not "My cases".
 */
import { useEffect, useState } from 'preact/hooks';
import { Page } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { ScrollTable } from '../components/scroll-table';
import { Words } from '../components/words';
import { useLanguage } from '../i18n/language';
import { href } from '../router';
import { useSession } from '../session';
import { useSignedInRequest } from './signed-in';

interface ClaimSummary {
  caseNo: string;
  stage: string;
  filedOn: string;
}
interface ClaimsPage {
  claims: ClaimSummary[];
  nextCursor: string | null;
}

/** Who reads every case, not only their own (the API lists them all to these roles). */
export const EVERY_CASE_ROLES = new Set(['registry-officer', 'adjudicator', 'auditor']);

export function MyCases() {
  const { t } = useLanguage();
  const { session } = useSession();
  const request = useSignedInRequest();
  const [claims, setClaims] = useState<ClaimSummary[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const everyCase = session !== null && EVERY_CASE_ROLES.has(session.account.role);

  const load = async (cursor?: string) => {
    try {
      const page = await request<ClaimsPage>('GET', '/api/v1/sct/claims', cursor ? { query: { cursor } } : {});
      if (page === null) return;
      setClaims((shown) => [...(cursor && shown ? shown : []), ...page.claims]);
      setNextCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    void load();
  }, [session?.token]);

  return (
    <Page title={t(everyCase ? 'myCases.allTitle' : 'myCases.title')}>
      {error !== null && <ProblemAlert error={error} />}
      {claims === null && error === null && <p role="status">{t('app.loading')}</p>}
      {claims !== null && claims.length === 0 && <p>{t(everyCase ? 'myCases.allNone' : 'myCases.none')}</p>}
      {claims !== null && claims.length > 0 && (
        <ScrollTable label={t(everyCase ? 'myCases.allTitle' : 'myCases.title')} columns={[t('myCases.col.caseNo'), t('myCases.col.filedOn'), t('myCases.col.stage')]}>
          {claims.map((claim) => (
            <tr key={claim.caseNo}>
              <th scope="row" class="nowrap">
                <a href={href(`/cases/${claim.caseNo}`)}>{claim.caseNo}</a>
              </th>
              <td class="nowrap">{claim.filedOn}</td>
              <td>
                <Words k={`caseStage.${claim.stage}`} fallback={claim.stage} />
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
      {nextCursor !== null && (
        <button type="button" onClick={() => void load(nextCursor)}>
          {t('myCases.more')}
        </button>
      )}
    </Page>
  );
}
