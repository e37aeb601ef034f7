/**
 * Every column of the database that holds personal data (GDPR art. 4: anything relating to an
 * identified or identifiable person, ids included), in one place, so that `GET /me/export`,
 * erasure and the funders' pseudonymisation are built from the same list, and a test
 * (`personal-data-registry.spec.ts`) fails when an entity gains a column that looks personal
 * and is listed neither here nor in `NOT_PERSONAL_DATA`.
 */

/** Whom the data is about: any account, or specifically a startup's founders or mentors. */
export type PersonalDataSubject = 'user' | 'founder' | 'mentor';

export type PersonalDataCategory =
  /** A reference to the person (their account id in another table). */
  | 'identifier'
  /** Name, e-mail address. */
  | 'contact'
  /** Password hash, TOTP secret: never exported, only whether they are set. */
  | 'credential'
  /** Sign-in and session metadata (user agent, client address, times). */
  | 'connection'
  /** Something written to or about the person (notifications, audit values). */
  | 'content';

/**
 * How `GET /me/export` shows a column: its value, or only whether it is set (secrets: the
 * person is told a password hash exists, not given it).
 */
export type ExportMode = 'value' | 'presence';

/** What `POST /users/:id/erasure` does to the column (see the README for why). */
export type ErasureRule =
  /** Replaced by a placeholder that identifies nobody (`erased-<id>@invalid`, `Personne effacée`). */
  | 'pseudonymise'
  /** Set to null. */
  | 'clear'
  /** The whole row is deleted. */
  | 'delete-row'
  /** Kept: an id pointing at the pseudonymised account, or an append-only audit value. */
  | 'keep';

export interface PersonalDataColumn {
  column: string;
  category: PersonalDataCategory;
  subjects: readonly PersonalDataSubject[];
  export: ExportMode;
  erasure: ErasureRule;
  /** A SQL expression used instead of the column in the export (`$1` = the person's id). */
  exportSql?: string;
}

export interface PersonalDataTable {
  table: string;
  /** What the rows are, as the export tells the person. */
  description: string;
  /**
   * Which rows are the person's, as SQL over the table with `$1` = their account id; null when
   * the table only points at people through ids already exported elsewhere (their own rows
   * there are listed, other people's are not the caller's data).
   */
  subjectWhere: string | null;
  /** Columns exported with the personal ones to make the rows readable (ids, times). */
  contextColumns: readonly string[];
  columns: readonly PersonalDataColumn[];
  /** For the export's stable order. */
  orderBy?: string;
}

const userId = (
  column: string,
  erasure: ErasureRule = 'keep',
  subjects: readonly PersonalDataSubject[] = ['user'],
): PersonalDataColumn => ({ column, category: 'identifier', subjects, export: 'value', erasure });

export const PERSONAL_DATA_REGISTRY: readonly PersonalDataTable[] = [
  {
    table: 'app_user',
    description: 'Your account',
    subjectWhere: 'id = $1',
    contextColumns: ['id', 'locale', 'disabled_at', 'mfa_enabled_at', 'created_at', 'updated_at'],
    columns: [
      {
        column: 'email',
        category: 'contact',
        subjects: ['user', 'founder', 'mentor'],
        export: 'value',
        erasure: 'pseudonymise',
      },
      {
        column: 'display_name',
        category: 'contact',
        subjects: ['user', 'founder', 'mentor'],
        export: 'value',
        erasure: 'pseudonymise',
      },
      {
        column: 'password_hash',
        category: 'credential',
        subjects: ['user'],
        export: 'presence',
        erasure: 'clear',
      },
      {
        column: 'mfa_secret',
        category: 'credential',
        subjects: ['user'],
        export: 'presence',
        erasure: 'clear',
      },
      {
        column: 'mfa_last_time_step',
        category: 'connection',
        subjects: ['user'],
        export: 'value',
        erasure: 'clear',
      },
    ],
  },
  {
    table: 'role_grant',
    description:
      'Your roles and scopes (founder and mentor links to startups are grants on a startup)',
    subjectWhere: 'user_id = $1',
    contextColumns: [
      'id',
      'role',
      'scope',
      'territory_code',
      'structure_id',
      'startup_id',
      'created_at',
    ],
    columns: [
      userId('user_id', 'delete-row', ['user', 'founder', 'mentor']),
      userId('granted_by_id'),
    ],
    orderBy: 'created_at, id',
  },
  {
    table: 'refresh_token',
    description: 'Your sign-in sessions (the tokens themselves are never exported)',
    subjectWhere: 'user_id = $1',
    contextColumns: [
      'family_id',
      'created_at',
      'expires_at',
      'used_at',
      'revoked_at',
      'revoked_reason',
    ],
    columns: [
      userId('user_id'),
      {
        column: 'user_agent',
        category: 'connection',
        subjects: ['user'],
        export: 'value',
        erasure: 'clear',
      },
    ],
    orderBy: 'created_at, id',
  },
  {
    table: 'mfa_recovery_code',
    description: 'Your MFA recovery codes (only whether each was used)',
    subjectWhere: 'user_id = $1',
    contextColumns: ['created_at', 'used_at'],
    columns: [userId('user_id', 'delete-row')],
    orderBy: 'created_at, used_at',
  },
  {
    table: 'invitation',
    description: 'Invitation links issued to you (the links themselves are never exported)',
    subjectWhere: 'user_id = $1',
    contextColumns: [
      'id',
      'created_at',
      'expires_at',
      'used_at',
      'revoked_at',
      'emailed_at',
      'email_outcome',
    ],
    columns: [
      userId('user_id'),
      userId('created_by_id'),
      // The link's token until the worker e-mailed it: a secret, shown as present or not.
      {
        column: 'sealed_token',
        category: 'credential',
        subjects: ['user'],
        export: 'presence',
        erasure: 'clear',
      },
      // A mail server's refusal usually quotes the recipient's address.
      {
        column: 'email_error',
        category: 'contact',
        subjects: ['user'],
        export: 'value',
        erasure: 'clear',
      },
    ],
    orderBy: 'created_at, id',
  },
  {
    table: 'ecosystem_target',
    description: 'Ecosystem targets you last edited',
    subjectWhere: 'updated_by_id = $1',
    contextColumns: ['metric', 'horizon_years', 'target', 'updated_at'],
    columns: [userId('updated_by_id')],
    orderBy: 'metric, horizon_years',
  },
  {
    table: 'notification',
    description: 'Your in-app notifications',
    subjectWhere: 'user_id = $1',
    contextColumns: [
      'id',
      'kind',
      'transition_id',
      'read_at',
      'emailed_at',
      'delivery_outcome',
      'created_at',
    ],
    columns: [
      userId('user_id', 'delete-row', ['user', 'founder']),
      {
        column: 'title',
        category: 'content',
        subjects: ['user'],
        export: 'value',
        erasure: 'delete-row',
      },
      {
        column: 'body',
        category: 'content',
        subjects: ['user'],
        export: 'value',
        erasure: 'delete-row',
      },
      {
        column: 'payload',
        category: 'content',
        subjects: ['user'],
        export: 'value',
        erasure: 'delete-row',
      },
      // A mail server's refusal usually quotes the recipient's address.
      {
        column: 'delivery_error',
        category: 'contact',
        subjects: ['user'],
        export: 'value',
        erasure: 'delete-row',
      },
    ],
    orderBy: 'created_at, id',
  },
  {
    table: 'audit_entry',
    description:
      'Audit entries about your account or recording your actions (values shown for entries about you)',
    subjectWhere: `actor_id = $1 OR (entity_type = 'user' AND entity_id = $1::uuid::text)`,
    contextColumns: ['id', 'occurred_at', 'action', 'entity_type', 'startup_id', 'request_id'],
    columns: [
      userId('actor_id'),
      // The id of the person an entry is about; for a failed sign-in with an unknown address,
      // that address. Kept on erasure: the trail is append-only and hash-chained (SPEC §2).
      {
        column: 'entity_id',
        category: 'identifier',
        subjects: ['user'],
        export: 'value',
        erasure: 'keep',
      },
      // Entries the caller made about someone else carry that person's data: not the caller's.
      {
        column: 'before',
        category: 'content',
        subjects: ['user'],
        export: 'value',
        erasure: 'keep',
        exportSql: `CASE WHEN entity_type = 'user' AND entity_id = $1::uuid::text THEN before END`,
      },
      {
        column: 'after',
        category: 'content',
        subjects: ['user'],
        export: 'value',
        erasure: 'keep',
        exportSql: `CASE WHEN entity_type = 'user' AND entity_id = $1::uuid::text THEN after END`,
      },
    ],
    orderBy: 'id',
  },
  {
    table: 'startup',
    description: 'Startups whose dossier you created or last changed',
    subjectWhere: 'created_by_id = $1 OR updated_by_id = $1',
    contextColumns: ['id', 'name'],
    columns: [userId('created_by_id'), userId('updated_by_id')],
    orderBy: 'id',
  },
  {
    table: 'transition',
    description: 'Stage moves you requested, decided or consented to',
    subjectWhere: 'requested_by_id = $1 OR decided_by_id = $1 OR consent_decided_by_id = $1',
    contextColumns: [
      'id',
      'startup_id',
      'from_stage',
      'to_stage',
      'status',
      'requested_at',
      'decided_at',
    ],
    columns: [
      userId('requested_by_id'),
      userId('decided_by_id'),
      // Only a founder of the startup answers a consent request.
      userId('consent_decided_by_id', 'keep', ['founder']),
    ],
    orderBy: 'requested_at, id',
  },
  {
    table: 'transition_batch',
    description: 'Bulk moves you requested',
    subjectWhere: 'requested_by_id = $1',
    contextColumns: ['id', 'to_stage', 'status', 'total', 'created_at'],
    columns: [userId('requested_by_id')],
    orderBy: 'created_at, id',
  },
  {
    table: 'export_job',
    description: 'Exports you asked for (their files are deleted when they expire)',
    subjectWhere: 'requested_by_id = $1',
    contextColumns: ['id', 'kind', 'lang', 'filters', 'status', 'created_at', 'expires_at'],
    // Kept like every other id: it then points at the pseudonymised account, and the files
    // themselves are deleted when they expire.
    columns: [userId('requested_by_id')],
    orderBy: 'created_at, id',
  },
  {
    table: 'timeline_event',
    description: 'Timeline events of startups recording your actions',
    subjectWhere: 'actor_id = $1',
    contextColumns: ['id', 'startup_id', 'occurred_at', 'kind', 'transition_id'],
    columns: [userId('actor_id')],
    orderBy: 'occurred_at, id',
  },
  {
    table: 'checklist_item',
    description: 'Checklist items you validated',
    subjectWhere: 'validated_by_id = $1',
    contextColumns: ['id', 'startup_id', 'stage', 'key', 'status', 'updated_at'],
    columns: [userId('validated_by_id')],
    orderBy: 'id',
  },
  {
    table: 'document',
    description: 'Documents you uploaded to startups’ dossiers',
    subjectWhere: 'uploaded_by_id = $1',
    contextColumns: ['id', 'startup_id', 'media_type', 'size_bytes', 'sha256', 'created_at'],
    columns: [
      userId('uploaded_by_id'),
      // A file name may name a person (a CV): exported to its uploader, kept with the dossier.
      {
        column: 'file_name',
        category: 'content',
        subjects: ['user'],
        export: 'value',
        erasure: 'keep',
      },
    ],
    orderBy: 'created_at, id',
  },
  {
    table: 'mentoring_session',
    description: 'Mentoring sessions you held (their notes are about the startup, not you)',
    subjectWhere: 'mentor_id = $1',
    contextColumns: ['id', 'startup_id', 'held_at', 'duration_minutes', 'format'],
    columns: [userId('mentor_id', 'keep', ['user', 'mentor'])],
    orderBy: 'held_at, id',
  },
  {
    table: 'action_item',
    description: 'Action items given to you after mentoring sessions',
    subjectWhere: 'owner_id = $1',
    contextColumns: ['id', 'startup_id', 'title', 'due_on', 'status'],
    columns: [userId('owner_id', 'keep', ['user', 'founder', 'mentor'])],
    orderBy: 'created_at, id',
  },
  {
    table: 'kpi_report',
    description: 'Quarterly KPI reports you submitted or amended',
    subjectWhere: 'submitted_by_id = $1 OR updated_by_id = $1',
    contextColumns: ['id', 'startup_id', 'quarter', 'submitted_at', 'updated_at'],
    columns: [
      userId('submitted_by_id', 'keep', ['user', 'founder']),
      userId('updated_by_id', 'keep', ['user', 'founder']),
    ],
    orderBy: 'submitted_at, id',
  },
  {
    table: 'application',
    description: 'Applications to programmes you submitted or decided',
    subjectWhere: 'submitted_by_id = $1 OR decided_by_id = $1',
    contextColumns: ['id', 'programme_id', 'startup_id', 'status', 'submitted_at', 'decided_at'],
    columns: [userId('submitted_by_id'), userId('decided_by_id')],
    orderBy: 'submitted_at, id',
  },
  {
    table: 'application_review',
    description: 'Your reviews of applications',
    subjectWhere: 'reviewed_by_id = $1',
    contextColumns: ['id', 'application_id', 'weighted_score', 'created_at'],
    columns: [userId('reviewed_by_id')],
    orderBy: 'created_at, id',
  },
  {
    table: 'hosting_agreement',
    description: 'Hosting agreements you recorded or changed',
    subjectWhere: 'created_by_id = $1 OR updated_by_id = $1',
    contextColumns: ['id', 'startup_id', 'unit_id', 'starts_on', 'ends_on'],
    columns: [userId('created_by_id'), userId('updated_by_id')],
    orderBy: 'created_at, id',
  },
];

/**
 * Columns whose names look personal but are not, and why; the coverage test accepts them.
 * A column that is neither here nor in the registry fails the test.
 */
export const NOT_PERSONAL_DATA: Readonly<Record<string, string>> = {
  'invitation.email_outcome': 'SENT, FAILED or SKIPPED: what became of the e-mail, not an address',
  'territory.name': 'a city or metropolitan area',
  'place.name': 'a building (bâtiment totem)',
  'place.address': 'the postal address of a building, not of a person',
  'hosting_unit.name': 'an office or a desk area of a building',
  'structure.name': 'an organisation',
  'programme.name': 'a support programme',
  'cohort.name': 'a group of startups',
  'startup.name': 'a company (legal person)',
  'startup.legal_name': 'a company (legal person)',
  'transition_step.name': 'a workflow step',
  'stage_stay.entered_by_transition_id': 'a transition, not a person',
  'stage_stay.left_by_transition_id': 'a transition, not a person',
  'checklist_item.opened_by_transition_id': 'a transition, not a person',
  'refresh_token.replaced_by_id': 'the next token of the same session, not a person',
  'analytics_stay.followed_by': 'the structures, programmes and cohorts that followed a startup',
  'analytics_stage_bucket.followed_by': 'a structure, programme or cohort (or every startup)',
  'analytics_flow_bucket.followed_by': 'a structure, programme or cohort (or every startup)',
  'analytics_duration_bucket.followed_by': 'a structure, programme or cohort (or every startup)',
  'analytics_pair_bucket.followed_by': 'every startup (the nil uuid), not a person',
};

/**
 * Column-name parts (snake_case segments) that suggest personal data. Links to a person
 * (`user_id`, `actor_id`, `…_by_id`) count: an id identifies someone.
 */
export const PERSONAL_NAME_PARTS: readonly string[] = [
  'email',
  'mail',
  'name',
  'surname',
  'firstname',
  'lastname',
  'phone',
  'mobile',
  'address',
  'birth',
  'birthday',
  'birthdate',
  'password',
  'secret',
  'ip',
  'agent',
  'gender',
  'nationality',
  'iban',
  'avatar',
  'photo',
  'linkedin',
  'user',
  'actor',
  'by',
  'person',
  'founder',
  'mentor',
  'owner',
  'author',
];

/** Whether a column's name suggests personal data. */
export function looksPersonal(column: string): boolean {
  return column.split('_').some((part) => PERSONAL_NAME_PARTS.includes(part));
}

/** `table.column` of every registered column. */
export function registeredColumns(): Set<string> {
  return new Set(
    PERSONAL_DATA_REGISTRY.flatMap((table) =>
      table.columns.map((column) => `${table.table}.${column.column}`),
    ),
  );
}
