/**
 * The console's frame: a skip link, the header with the menu and the
 * language switch, and the page the address names. The language and the
 * session are provided to every page from here; changing the language
 * re-renders the page in place, its form values and results kept.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from './api';
import { initialLanguage, keepLanguage, LanguageContext, LANGUAGES, translator, type Language } from './i18n/language';
import { AuditLog } from './pages/audit-log';
import { CaseHistory } from './pages/case-history';
import { CasePage } from './pages/case-page';
import { CauseBook } from './pages/cause-book';
import { ClosureDays } from './pages/closure-days';
import { DigestPage } from './pages/digest';
import { FileClaim } from './pages/file-claim';
import { FilingPage } from './pages/filing-page';
import { FILING_ROLES, Filings } from './pages/filings';
import { Home } from './pages/home';
import { Inbox } from './pages/inbox';
import { EVERY_CASE_ROLES, MyCases } from './pages/my-cases';
import { RegistrationPage, Registrations } from './pages/registrations';
import { SignIn } from './pages/sign-in';
import { StepPage } from './pages/step-page';
import { VerifyDocument } from './pages/verify-document';
import { WorkQueue } from './pages/work-queue';
import { NotFound } from './pages/not-found';
import { ORG_ADMIN_ROLES, Organisation } from './pages/organisation';
import { QuotaRequests } from './pages/quota-requests';
import { Application, Register } from './pages/register';
import { TrainingBanner } from './components/training-banner';
import { followLink, href, navigate, usePlace, type Place } from './router';
import { keepSession, SessionContext, storedSession, type Session } from './session';

/** Who files small claims in their own name: individual users and organisations' users. */
const FILERS = new Set(['individual-user', 'org-user', 'org-principal-admin', 'org-sub-admin']);

/** Who has a work queue (the API's QUEUE_ROLES). */
const QUEUE_ROLES = new Set(['registry-officer', 'adjudicator']);

function pageFor(place: Place) {
  switch (place.path) {
    case '/':
      return <Home />;
    case '/cause-book':
      return <CauseBook place={place} />;
    case '/verify':
      return <VerifyDocument place={place} />;
    case '/sign-in':
      return <SignIn place={place} />;
    case '/my-cases':
      return <MyCases />;
    case '/file-claim':
      return <FileClaim />;
    case '/work-queue':
      return <WorkQueue place={place} />;
    case '/audit-log':
      return <AuditLog place={place} />;
    case '/inbox':
      return <Inbox place={place} />;
    case '/digest':
      return <DigestPage />;
    case '/closure-days':
      return <ClosureDays />;
    case '/registrations':
      return <Registrations place={place} />;
    case '/filings':
      return <Filings place={place} />;
    case '/organisation':
      return <Organisation />;
    case '/quota-requests':
      return <QuotaRequests />;
    case '/register':
      return <Register />;
    default: {
      const onFiling = /^\/filings\/(EF-\d{4}-\d{6})(?:\/steps\/([a-z-]{1,60}))?$/.exec(place.path);
      const [, filing, filingStep] = onFiling ?? [];
      if (filing && filingStep) return <StepPage process="filing" reference={filing} step={filingStep} place={place} />;
      if (filing) return <FilingPage reference={filing} place={place} />;
      const applied = /^\/register\/(REG-\d{4}-\d{6})$/.exec(place.path)?.[1];
      if (applied) return <Application reference={applied} place={place} />;
      const onCase = /^\/cases\/([A-Za-z0-9-]{1,40})(?:\/steps\/([a-z-]{1,60})|\/(history))?$/.exec(place.path);
      const [, caseNo, step, history] = onCase ?? [];
      if (caseNo && step) return <StepPage process="small-claim" reference={caseNo} step={step} place={place} />;
      if (caseNo && history) return <CaseHistory caseNo={caseNo} />;
      if (caseNo) return <CasePage caseNo={caseNo} place={place} />;
      const onRegistration = /^\/registrations\/([A-Za-z0-9-]{1,40})(?:\/steps\/([a-z-]{1,60}))?$/.exec(place.path);
      const [, reference, registrationStep] = onRegistration ?? [];
      if (reference && registrationStep) return <StepPage process="registration" reference={reference} step={registrationStep} place={place} />;
      return reference ? <RegistrationPage reference={reference} place={place} /> : <NotFound />;
    }
  }
}

export function App() {
  const place = usePlace();
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const [session, setSession] = useState<Session | null>(() => storedSession(Date.now()));
  // Moves of a training stack's clock: each loads the page again, as the court now stands.
  const [clockMoves, setClockMoves] = useState(0);

  useEffect(() => {
    document.documentElement.lang = LANGUAGES[language].tag;
  }, [language]);
  useEffect(() => {
    document.addEventListener('click', followLink);
    return () => document.removeEventListener('click', followLink);
  }, []);

  const languageContext = useMemo(
    () => ({
      language,
      t: translator(language),
      setLanguage: (next: Language, options: { forAccount?: boolean } = {}) => {
        keepLanguage(next);
        setLanguageState(next);
        // Signed in, the account keeps the choice too, so the console speaks it wherever they sign in next.
        if (session && options.forAccount !== false) void api('PUT', '/api/v1/me/console-language', { token: session.token, body: { language: next } }).catch(() => undefined);
      },
    }),
    [language, session],
  );
  const sessionContext = useMemo(
    () => ({
      session,
      signIn: (next: Session) => {
        keepSession(next);
        setSession(next);
      },
      signOut: () => {
        keepSession(null);
        setSession(null);
      },
    }),
    [session],
  );
  const { t } = languageContext;

  const signOut = async () => {
    // Revoke the token at the API first, then forget it here; if the API cannot be reached, the tab forgets it anyway and it expires on its own.
    if (session) await api('POST', '/api/v1/auth/logout', { token: session.token }).catch(() => undefined);
    sessionContext.signOut();
    navigate(href('/sign-in', { signedOut: '1' }));
  };

  return (
    <LanguageContext.Provider value={languageContext}>
      <SessionContext.Provider value={sessionContext}>
        <>
          <a class="skip-link" href="#main">
            {t('app.skipToMain')}
          </a>
          <header class="masthead">
            <div class="brand">
              <a href={href('/')} class="brand-name">
                {t('app.name')}
              </a>
              <span class="tagline">{t('app.tagline')}</span>
            </div>
            <div class="language">
              <label for="console-language">{t('app.language')}</label>
              <select id="console-language" value={language} onChange={(e) => languageContext.setLanguage(e.currentTarget.value as Language)}>
                {(Object.keys(LANGUAGES) as Language[]).map((code) => (
                  <option key={code} value={code} lang={LANGUAGES[code].tag}>
                    {LANGUAGES[code].name}
                  </option>
                ))}
              </select>
            </div>
            <nav aria-label={t('app.mainNav')}>
              <ul>
                <NavLink place={place} path="/" label={t('nav.home')} />
                <NavLink place={place} path="/cause-book" label={t('nav.causeBook')} />
                <NavLink place={place} path="/verify" label={t('nav.verify')} />
                {session && <NavLink place={place} path="/my-cases" label={t(EVERY_CASE_ROLES.has(session.account.role) ? 'nav.allCases' : 'nav.myCases')} />}
                {session && <NavLink place={place} path="/inbox" label={t('nav.inbox')} />}
                {session && FILERS.has(session.account.role) && <NavLink place={place} path="/file-claim" label={t('nav.fileClaim')} />}
                {session && (FILING_ROLES.has(session.account.role) || QUEUE_ROLES.has(session.account.role)) && <NavLink place={place} path="/filings" label={t('nav.filings')} />}
                {session && QUEUE_ROLES.has(session.account.role) && <NavLink place={place} path="/work-queue" label={t('nav.workQueue')} />}
                {session && QUEUE_ROLES.has(session.account.role) && <NavLink place={place} path="/digest" label={t('nav.digest')} />}
                {session?.account.role === 'registry-officer' && <NavLink place={place} path="/registrations" label={t('nav.registrations')} />}
                {session?.account.role === 'registry-officer' && <NavLink place={place} path="/closure-days" label={t('nav.closures')} />}
                {session?.account.role === 'registry-officer' && <NavLink place={place} path="/quota-requests" label={t('nav.quotaRequests')} />}
                {session && ORG_ADMIN_ROLES.has(session.account.role) && <NavLink place={place} path="/organisation" label={t('nav.organisation')} />}
                {session?.account.role === 'auditor' && <NavLink place={place} path="/audit-log" label={t('nav.auditLog')} />}
                {session ? (
                  <li>
                    <button type="button" class="link-button" onClick={() => void signOut()}>
                      {t('nav.signOut')}
                    </button>
                  </li>
                ) : (
                  <>
                    <NavLink place={place} path="/register" label={t('nav.register')} />
                    <NavLink place={place} path="/sign-in" label={t('nav.signIn')} />
                  </>
                )}
              </ul>
            </nav>
          </header>
          <TrainingBanner page={`${place.path}?${place.query.toString()}`} onMoved={() => setClockMoves((n) => n + 1)} />
          <main id="main" tabIndex={-1} key={clockMoves}>
            {pageFor(place)}
          </main>
        </>
      </SessionContext.Provider>
    </LanguageContext.Provider>
  );
}

function NavLink({ place, path, label }: { place: Place; path: string; label: string }) {
  return (
    <li>
      <a href={href(path)} {...(place.path === path ? { 'aria-current': 'page' } : {})}>
        {label}
      </a>
    </li>
  );
}
