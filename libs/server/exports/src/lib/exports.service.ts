import { createHmac } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { ExportKind, ExportLanguage } from '@parcours/contracts';
import { AnalyticsService, type AnalyticsQuery } from '@parcours/server-analytics';
import { AppConfig } from '@parcours/server-config';
import type { Actor } from '@parcours/server-identity';
import { DataSource } from 'typeorm';
import {
  STARTUP_COLUMNS,
  TRANSITION_COLUMNS,
  type StartupExportRow,
  type TransitionExportRow,
} from './export-columns';
import { ExportReader, pseudonymisesFounders } from './export-reader';
import { funderReportPdf, type FunderReportData } from './funder-report';
import { csvStream, xlsxStream, type TabularExport } from './tabular-export';

/** A file ready to be sent: its bytes as a stream, its media type, a name for the download. */
export interface ExportFile {
  stream: Readable;
  contentType: string;
  fileName: string;
}

export const EXPORT_CONTENT_TYPES: Record<ExportKind, string> = {
  'startups.csv': 'text/csv; charset=utf-8',
  'transitions.csv': 'text/csv; charset=utf-8',
  'startups.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'funder-report.pdf': 'application/pdf',
};

/** `parcours-startups-20260131.csv`: what and when, for the person who downloads it. */
export function exportFileName(kind: ExportKind, at: Date): string {
  const [base, extension] = kind.split('.');
  return `parcours-${base}-${at.toISOString().slice(0, 10).replace(/-/g, '')}.${extension}`;
}

const TERRITORY_NAMES: Record<string, string> = {
  CAEN: 'Caen',
  ROUEN: 'Rouen',
  LE_HAVRE: 'Le Havre',
};
const DOMAIN_NAMES: Record<string, string> = {
  SMART_CITIES: 'Smart Cities',
  SMART_PORTS_LOGISTICS: 'Smart Ports & Logistics',
  SMART_INDUSTRIES: 'Smart Industries',
};

/**
 * The exports of SPEC §3, over the same selection of startups as the analytics (the actor's
 * visibility and the filters): CSV and XLSX streamed in keyset batches, the funder report as a
 * PDF. Founders' personal data is pseudonymised for funders.
 */
@Injectable()
export class ExportsService {
  /** Derived from the signing secret, so that pseudonyms need no setting of their own. */
  private readonly pseudonymKey: Buffer;

  constructor(
    private readonly dataSource: DataSource,
    private readonly analytics: AnalyticsService,
    private readonly config: AppConfig,
  ) {
    this.pseudonymKey = createHmac('sha256', config.jwtSecret)
      .update('parcours:export-pseudonyms')
      .digest();
  }

  reader(actor: Actor, query: AnalyticsQuery): ExportReader {
    return new ExportReader(this.dataSource, actor, query, this.pseudonymKey);
  }

  startupsSpec(reader: ExportReader, lang: ExportLanguage): TabularExport<StartupExportRow> {
    return {
      columns: STARTUP_COLUMNS,
      read: (after, limit) => reader.startups(after, limit),
      batchRows: this.config.EXPORT_BATCH_ROWS,
      lang,
    };
  }

  transitionsSpec(reader: ExportReader, lang: ExportLanguage): TabularExport<TransitionExportRow> {
    return {
      columns: TRANSITION_COLUMNS,
      read: (after, limit) => reader.transitions(after, limit),
      batchRows: this.config.EXPORT_BATCH_ROWS,
      lang,
    };
  }

  /** Opens a direct export; everything that can be refused is refused before the first byte. */
  async open(
    kind: ExportKind,
    actor: Actor,
    query: AnalyticsQuery,
    lang: ExportLanguage,
    now = new Date(),
  ): Promise<ExportFile> {
    const file = (stream: Readable): ExportFile => ({
      stream,
      contentType: EXPORT_CONTENT_TYPES[kind],
      fileName: exportFileName(kind, now),
    });
    if (kind === 'funder-report.pdf') {
      return file(await funderReportPdf(await this.reportData(actor, query, lang, now), lang));
    }
    const reader = this.reader(actor, query);
    await reader.prepare();
    switch (kind) {
      case 'startups.csv':
        return file(csvStream(this.startupsSpec(reader, lang)));
      case 'transitions.csv':
        return file(csvStream(this.transitionsSpec(reader, lang)));
      case 'startups.xlsx':
        return file(xlsxStream(this.startupsSpec(reader, lang), 'Startups'));
    }
  }

  /** The figures of the funder report: the four analytics answers and the filters in words. */
  async reportData(
    actor: Actor,
    query: AnalyticsQuery,
    lang: ExportLanguage,
    now = new Date(),
  ): Promise<FunderReportData> {
    // One after the other: each refreshes stale startups first, and the pool is shared.
    const funnel = await this.analytics.funnel(actor, query);
    const timeInStage = await this.analytics.timeInStage(actor, query);
    const flows = await this.analytics.flows(actor, query);
    const kpis = await this.analytics.kpis(actor, query);
    return {
      funnel,
      timeInStage,
      flows,
      kpis,
      filters: await this.describeFilters(query, lang),
      generatedAt: now,
      pseudonymised: pseudonymisesFounders(actor),
    };
  }

  private async describeFilters(query: AnalyticsQuery, lang: ExportLanguage): Promise<string[]> {
    const words = {
      fr: {
        territory: 'territoire',
        domain: 'filière',
        structure: 'structure',
        programme: 'programme',
        cohort: 'promotion',
      },
      en: {
        territory: 'territory',
        domain: 'domain',
        structure: 'structure',
        programme: 'programme',
        cohort: 'cohort',
      },
    }[lang];
    const nameOf = async (table: 'structure' | 'programme' | 'cohort', id: string) => {
      const rows: { name: string }[] = await this.dataSource.query(
        `SELECT name FROM ${table} WHERE id = $1`,
        [id],
      );
      return rows[0]?.name ?? id;
    };
    const filters: string[] = [];
    if (query.territory) {
      filters.push(`${words.territory} ${TERRITORY_NAMES[query.territory] ?? query.territory}`);
    }
    if (query.domain) filters.push(`${words.domain} ${DOMAIN_NAMES[query.domain] ?? query.domain}`);
    if (query.structureId) {
      filters.push(`${words.structure} ${await nameOf('structure', query.structureId)}`);
    }
    if (query.programmeId) {
      filters.push(`${words.programme} ${await nameOf('programme', query.programmeId)}`);
    }
    if (query.cohortId) filters.push(`${words.cohort} ${await nameOf('cohort', query.cohortId)}`);
    return filters;
  }
}
