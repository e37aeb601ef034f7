import type { ExportLanguage } from '@parcours/contracts';

/** One column of a tabular export: its stable English key, its French title, its value. */
export interface ExportColumn<Row> {
  key: string;
  fr: string;
  value: (row: Row) => string | number | null;
}

/** A startup as the startups exports show it (founders already pseudonymised if need be). */
export interface StartupExportRow {
  id: string;
  name: string;
  legalName: string | null;
  siren: string | null;
  stage: string;
  status: string;
  territory: string;
  domain: string;
  stageEnteredAt: Date;
  structure: string | null;
  programme: string | null;
  cohort: string | null;
  foundedOn: string | null;
  tags: string[];
  website: string | null;
  founderCount: number;
  founders: string[];
  createdAt: Date;
}

/** A completed stage change: one stay's entry (the set `/analytics/flows` counts). */
export interface TransitionExportRow {
  transitionId: string;
  startupId: string;
  startupName: string;
  fromStage: string | null;
  toStage: string;
  effectiveAt: Date;
  territory: string;
  domain: string;
  structure: string | null;
  programme: string | null;
  cohort: string | null;
  moveKind: string | null;
}

const iso = (value: Date | null) => (value === null ? null : value.toISOString());

/** `territory` and `domain` are the codes of the `/startups` filters, in both languages. */
export const STARTUP_COLUMNS: readonly ExportColumn<StartupExportRow>[] = [
  { key: 'startupId', fr: 'Identifiant', value: (r) => r.id },
  { key: 'name', fr: 'Nom', value: (r) => r.name },
  { key: 'legalName', fr: 'Raison sociale', value: (r) => r.legalName },
  { key: 'siren', fr: 'SIREN', value: (r) => r.siren },
  { key: 'stage', fr: 'Étape', value: (r) => r.stage },
  { key: 'status', fr: 'Statut', value: (r) => r.status },
  { key: 'territory', fr: 'Territoire', value: (r) => r.territory },
  { key: 'domain', fr: 'Filière', value: (r) => r.domain },
  { key: 'stageEnteredAt', fr: "Entrée dans l'étape", value: (r) => iso(r.stageEnteredAt) },
  { key: 'structure', fr: "Structure d'accompagnement", value: (r) => r.structure },
  { key: 'programme', fr: 'Programme', value: (r) => r.programme },
  { key: 'cohort', fr: 'Promotion', value: (r) => r.cohort },
  { key: 'foundedOn', fr: 'Date de création', value: (r) => r.foundedOn },
  { key: 'tags', fr: 'Mots-clés', value: (r) => r.tags.join('; ') },
  { key: 'website', fr: 'Site web', value: (r) => r.website },
  { key: 'founderCount', fr: 'Nombre de fondateurs', value: (r) => r.founderCount },
  { key: 'founders', fr: 'Fondateurs', value: (r) => r.founders.join('; ') },
  { key: 'createdAt', fr: 'Dossier créé le', value: (r) => iso(r.createdAt) },
];

export const TRANSITION_COLUMNS: readonly ExportColumn<TransitionExportRow>[] = [
  { key: 'transitionId', fr: 'Identifiant du passage', value: (r) => r.transitionId },
  { key: 'startupId', fr: 'Identifiant de la startup', value: (r) => r.startupId },
  { key: 'startupName', fr: 'Startup', value: (r) => r.startupName },
  // Empty for a startup's first entry into the pipeline.
  { key: 'fromStage', fr: 'Étape de départ', value: (r) => r.fromStage },
  { key: 'toStage', fr: "Étape d'arrivée", value: (r) => r.toStage },
  { key: 'effectiveAt', fr: 'Date effective', value: (r) => iso(r.effectiveAt) },
  { key: 'territory', fr: 'Territoire', value: (r) => r.territory },
  { key: 'domain', fr: 'Filière', value: (r) => r.domain },
  { key: 'structure', fr: "Structure d'accompagnement", value: (r) => r.structure },
  { key: 'programme', fr: 'Programme', value: (r) => r.programme },
  { key: 'cohort', fr: 'Promotion', value: (r) => r.cohort },
  { key: 'moveKind', fr: 'Nature du passage', value: (r) => r.moveKind },
];

export const headerOf = <Row>(columns: readonly ExportColumn<Row>[], lang: ExportLanguage) =>
  columns.map((column) => (lang === 'en' ? column.key : column.fr));

export const valuesOf = <Row>(columns: readonly ExportColumn<Row>[], row: Row) =>
  columns.map((column) => column.value(row));
