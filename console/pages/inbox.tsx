/**
 * The inbox (GET /api/v1/inbox): the messages the court sent the signed-in
 * account, newest first, unread ones marked; each opened exactly as sent,
 * in the language it was sent in (`lang` set on it), marked read on
 * opening, with its attachments downloaded as they were sent (their
 * SHA-256 shown beside them to check the copy).
 */
import { useEffect, useState } from 'preact/hooks';
import { download } from '../api';
import { MessagesLanguage } from '../components/messages-language';
import { Page } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { Words } from '../components/words';
import { hongKongTime } from '../hong-kong-time';
import { LANGUAGES, useLanguage, type Language } from '../i18n/language';
import { href, type Place } from '../router';
import { useSession } from '../session';
import { useSignedInRequest } from './signed-in';

interface Attachment {
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  links: { self: string };
}
interface MessageSummary {
  id: string;
  kind: string;
  language: 'en' | 'zh-Hant';
  subject: string;
  sentAt: string;
  readAt: string | null;
  attachments: Attachment[];
}
interface Message extends MessageSummary {
  body: string;
}

const tagOf = (language: string) => LANGUAGES[language as Language]?.tag ?? language;

export function Inbox({ place }: { place: Place }) {
  const { t } = useLanguage();
  const request = useSignedInRequest();
  const [messages, setMessages] = useState<MessageSummary[] | null>(null);
  const [unread, setUnread] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const opened = place.query.get('message');

  useEffect(() => {
    request<{ messages: MessageSummary[]; unreadCount: number }>('GET', '/api/v1/inbox').then(
      (page) => {
        if (!page) return;
        setMessages(page.messages);
        setUnread(page.unreadCount);
      },
      (err: unknown) => setError(err),
    );
  }, [opened]);

  if (opened) return <MessagePage id={opened} />;
  return (
    <Page title={t('inbox.title')}>
      {error !== null && <ProblemAlert error={error} />}
      {messages === null && error === null && <p role="status">{t('app.loading')}</p>}
      <MessagesLanguage />
      {messages !== null && <p role="status">{t('inbox.unread', { count: unread })}</p>}
      {messages !== null && messages.length === 0 && <p>{t('inbox.empty')}</p>}
      {messages !== null && messages.length > 0 && (
        <ul class="messages">
          {messages.map((m) => (
            <li key={m.id} class={m.readAt ? 'read' : 'unread'}>
              <a href={href('/inbox', { message: m.id })} lang={tagOf(m.language)}>
                {m.subject}
              </a>
              {!m.readAt && <strong> · {t('inbox.new')}</strong>}
              <span class="hint">
                {' '}
                · <Words k={`inbox.kind.${m.kind}`} fallback={m.kind} /> · <time dateTime={m.sentAt}>{hongKongTime(m.sentAt)}</time>
                {m.attachments.length > 0 && <> · {t('inbox.attachments', { count: m.attachments.length })}</>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

function MessagePage({ id }: { id: string }) {
  const { t } = useLanguage();
  const { session } = useSession();
  const request = useSignedInRequest();
  const [message, setMessage] = useState<Message | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    request<Message>('GET', `/api/v1/inbox/${encodeURIComponent(id)}`).then(
      async (found) => {
        if (!found) return;
        setMessage(found);
        if (!found.readAt) await request('POST', `/api/v1/inbox/${encodeURIComponent(id)}/read`).catch(() => undefined);
      },
      (err: unknown) => setError(err),
    );
  }, [id]);

  const save = async (attachment: Attachment) => {
    if (!session) return;
    try {
      await download(attachment.links.self, session.token, attachment.name);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Page title={message?.subject ?? t('inbox.message')} {...(message ? { lang: tagOf(message.language) } : {})}>
      <p>
        <a href={href('/inbox')}>{t('inbox.back')}</a>
      </p>
      {error !== null && <ProblemAlert error={error} />}
      {message === null && error === null && <p role="status">{t('app.loading')}</p>}
      {message && (
        <article lang={tagOf(message.language)}>
          <p class="hint">
            <time dateTime={message.sentAt}>{hongKongTime(message.sentAt)}</time>
          </p>
          <pre class="message-body">{message.body}</pre>
        </article>
      )}
      {message && message.attachments.length > 0 && (
        <section aria-labelledby="attachments-heading">
          <h2 id="attachments-heading">{t('inbox.attachmentsHeading')}</h2>
          <ul>
            {message.attachments.map((a) => (
              <li key={a.name}>
                <button type="button" class="secondary" onClick={() => void save(a)}>
                  {t('inbox.download', { name: a.name })}
                </button>{' '}
                <span class="hint">
                  {t('inbox.size', { kb: Math.max(1, Math.round(a.size / 1024)) })} · SHA-256 <code class="digest">{a.sha256}</code>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Page>
  );
}
