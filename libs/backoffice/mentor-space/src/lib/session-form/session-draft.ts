import type { CreateSessionRequest, SessionFormat } from '@parcours/contracts';

export interface ActionItemDraft {
  /** Local key for the list; never sent. */
  key: number;
  title: string;
  /** `YYYY-MM-DD` from a date input, or empty. */
  dueOn: string;
}

/** The session form as typed: strings from the inputs, as few required fields as possible. */
export interface SessionDraft {
  startupId: string;
  /** `YYYY-MM-DDTHH:mm` from a datetime-local input, in the browser's time zone. */
  heldAt: string;
  durationMinutes: string;
  format: SessionFormat;
  topics: string;
  notes: string;
  privateNotes: string;
  sharedWithFounders: boolean;
  actionItems: ActionItemDraft[];
}

/** The local time of `now` to the minute, as a datetime-local input shows it. */
export function localMinute(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}` +
    `T${pad(now.getHours())}:${pad(now.getMinutes())}`
  );
}

/** Most sessions are an hour in person, just held: logging one is choosing the startup. */
export function blankSession(now: Date, startupId = ''): SessionDraft {
  return {
    startupId,
    heldAt: localMinute(now),
    durationMinutes: '60',
    format: 'IN_PERSON',
    topics: '',
    notes: '',
    privateNotes: '',
    sharedWithFounders: true,
    actionItems: [],
  };
}

export interface DraftProblem {
  /** The field, as the API would name it (`actionItems.1.title`). */
  path: string;
  /** Translation key. */
  key: string;
}

/** What the form can tell before sending; the API checks everything again. */
export function draftProblems(draft: SessionDraft, now: Date): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (draft.startupId === '')
    problems.push({ path: 'startupId', key: 'mentor.form.errors.startup' });
  const heldAt = new Date(draft.heldAt);
  if (draft.heldAt === '' || Number.isNaN(heldAt.getTime())) {
    problems.push({ path: 'heldAt', key: 'mentor.form.errors.heldAt' });
  } else if (heldAt.getTime() > now.getTime() + 5 * 60_000) {
    problems.push({ path: 'heldAt', key: 'mentor.form.errors.heldAtFuture' });
  }
  const minutes = Number(draft.durationMinutes);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 600) {
    problems.push({ path: 'durationMinutes', key: 'mentor.form.errors.duration' });
  }
  draft.actionItems.forEach((item, index) => {
    if (item.title.trim() === '') {
      problems.push({ path: `actionItems.${index}.title`, key: 'mentor.form.errors.actionTitle' });
    }
  });
  return problems;
}

/** The request body: empty optional fields left out, topics split on commas. */
export function sessionRequest(draft: SessionDraft): CreateSessionRequest {
  const topics = draft.topics
    .split(',')
    .map((topic) => topic.trim())
    .filter((topic) => topic !== '');
  const request: CreateSessionRequest = {
    heldAt: new Date(draft.heldAt).toISOString(),
    durationMinutes: Number(draft.durationMinutes),
    format: draft.format,
    sharedWithFounders: draft.sharedWithFounders,
  };
  if (topics.length > 0) request.topics = [...new Set(topics)];
  if (draft.notes.trim() !== '') request.notes = draft.notes.trim();
  if (draft.privateNotes.trim() !== '') request.privateNotes = draft.privateNotes.trim();
  if (draft.actionItems.length > 0) {
    request.actionItems = draft.actionItems.map((item) => ({
      title: item.title.trim(),
      ...(item.dueOn !== '' ? { dueOn: item.dueOn } : {}),
    }));
  }
  return request;
}
