/**
 * On a training stack, a banner on every page: that this is a simulated
 * court, its date by the simulated clock, and, for the registry officer and
 * the adjudicator, moving that clock on (to the next event, or by days).
 * After a move the page is loaded again, so it shows the court as it now
 * stands. On a real stack it renders nothing.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { hongKongTime } from '../hong-kong-time';
import { useLanguage } from '../i18n/language';
import { useSession } from '../session';
import { ProblemAlert } from './problem-alert';

interface CourtEvent {
  kind: 'hearing' | 'period-ends';
  caseNo: string;
  at: string;
  basis?: string;
  due?: string;
}

interface CourtTime {
  training: boolean;
  now: string;
  today: string;
  nextEvent: CourtEvent | null;
}

/** Who moves the clock: those who run hearings and the registry (the API's rule). */
const CLOCK_KEEPERS = new Set(['registry-officer', 'adjudicator']);

export interface TrainingBannerProps {
  /** The page's address: the clock is read again on each page, so the time shown is the court's as the page opens. */
  page: string;
  onMoved(): void;
}

export function TrainingBanner({ page, onMoved }: TrainingBannerProps) {
  const { t } = useLanguage();
  const { session } = useSession();
  const [time, setTime] = useState<CourtTime | null>(null);
  const [days, setDays] = useState('1');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [moved, setMoved] = useState<string | null>(null);

  useEffect(() => {
    // A stack that cannot say is taken for a real one: the banner is for training, not a guess.
    void api<CourtTime>('GET', '/api/v1/court-clock').then(setTime, () => setTime(null));
  }, [page]);
  if (!time?.training) return null;

  const eventWords = (event: CourtEvent) =>
    event.kind === 'hearing'
      ? t('training.event.hearing', { caseNo: event.caseNo, at: hongKongTime(event.at) })
      : t('training.event.periodEnds', { caseNo: event.caseNo, due: event.due ?? '', basis: event.basis ?? '' });

  const move = async (body: { to: 'next-event' } | { days: number }) => {
    setBusy(true);
    setError(null);
    try {
      const after = await api<CourtTime>('POST', '/api/v1/court-clock/advance', { token: session?.token ?? null, body });
      setTime(after);
      setMoved(t('training.moved', { at: hongKongTime(after.now) }));
      onMoved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="training" aria-labelledby="training-title">
      <p id="training-title" class="training-title">
        <strong>{t('training.title')}</strong> {t('training.notReal')}
      </p>
      <p>
        {t('training.courtTime')} <time dateTime={time.now}>{hongKongTime(time.now)}</time>
      </p>
      {session && CLOCK_KEEPERS.has(session.account.role) && (
        <div class="training-controls">
          <p>
            {t('training.nextEvent')} {time.nextEvent ? eventWords(time.nextEvent) : t('training.noEvent')}
          </p>
          <button type="button" disabled={busy || !time.nextEvent} onClick={() => void move({ to: 'next-event' })}>
            {t('training.moveToNext')}
          </button>
          <form
            class="training-days"
            onSubmit={(e) => {
              e.preventDefault();
              void move({ days: Number(days) });
            }}
          >
            <label for="training-days">{t('training.days')}</label>
            <input id="training-days" name="days" type="number" min={1} max={120} inputMode="numeric" value={days} onInput={(e) => setDays(e.currentTarget.value)} />
            <button type="submit" disabled={busy}>
              {t('training.moveByDays')}
            </button>
          </form>
          <p role="status">{moved}</p>
          {error !== null && <ProblemAlert error={error} labels={{ days: t('training.days') }} />}
        </div>
      )}
    </section>
  );
}
