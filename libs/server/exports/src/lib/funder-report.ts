import type { Readable } from 'node:stream';
import type {
  ExportLanguage,
  FlowsResponse,
  FunnelResponse,
  KpisResponse,
  Stage,
  TimeInStageResponse,
} from '@parcours/contracts';
type PdfDocumentClass = new (options?: PDFKit.PDFDocumentOptions) => PDFKit.PDFDocument;

let pdfDocumentClass: Promise<PdfDocumentClass> | undefined;

/**
 * pdfkit, loaded by the first report rather than by every API process at start (with its font
 * metrics it is about 27 MB of resident memory that most processes never use). It is CommonJS
 * (`module.exports = PDFDocument`): a bundler hands it over as `default`, Node as the module.
 */
function loadPdfDocument(): Promise<PdfDocumentClass> {
  pdfDocumentClass ??= import('pdfkit').then(
    (pdfkit) => ((pdfkit as { default?: unknown }).default ?? pdfkit) as PdfDocumentClass,
  );
  return pdfDocumentClass;
}

/** Everything the report shows, computed before the first byte is written. */
export interface FunderReportData {
  funnel: FunnelResponse;
  timeInStage: TimeInStageResponse;
  flows: FlowsResponse;
  kpis: KpisResponse;
  /** The filters in words (territory, domain, structure…), already in the report's language. */
  filters: string[];
  generatedAt: Date;
  pseudonymised: boolean;
}

const STAGE_LABELS: Record<ExportLanguage, Record<Stage, string>> = {
  fr: {
    DETECTION: 'Détection',
    INCUBATION: 'Incubation',
    NURSERY: 'Pépinière',
    ACCELERATION: 'Accélération',
    INTERNATIONALISATION: 'Internationalisation',
    ALUMNI: 'Alumni',
    EXITED: 'Sortie du parcours',
  },
  en: {
    DETECTION: 'Talent detection',
    INCUBATION: 'Incubation',
    NURSERY: 'Nursery',
    ACCELERATION: 'Acceleration',
    INTERNATIONALISATION: 'Internationalisation',
    ALUMNI: 'Alumni',
    EXITED: 'Exited',
  },
};

const TEXT = {
  fr: {
    title: 'Rapport financeur',
    subtitle: "Parcours — programme de gestion unifiée de l'innovation",
    period: 'Période',
    since: 'depuis le début',
    until: "jusqu'au",
    filters: 'Filtres',
    noFilter: 'aucun (tout le périmètre)',
    generated: 'Généré le',
    pseudonymised: 'Données personnelles des fondateurs pseudonymisées.',
    kpis: 'Indicateurs et objectifs',
    indicator: 'Indicateur',
    actual: 'Réalisé',
    target: 'Objectif',
    progress: 'Avancement',
    noTargets: 'Aucun objectif pour ces programmes.',
    funnel: 'Entonnoir',
    funnelNote:
      'Startups entrées dans chaque étape pendant la période (barres) et chiffres détaillés.',
    stage: 'Étape',
    entered: 'Entrées',
    movedOn: 'Avancées',
    movedBack: 'Retours',
    exited: 'Sorties',
    current: 'Présentes',
    conversion: 'Conversion',
    flows: 'Flux entre étapes',
    from: 'De',
    to: 'Vers',
    count: 'Passages',
    firstEntry: '(première entrée)',
    noFlows: 'Aucun passage pendant la période.',
    time: "Durée dans l'étape (jours)",
    timeNote: 'Séjours terminés pendant la période : médiane et 90e centile.',
    completed: 'Séjours terminés',
    median: 'Médiane',
    p90: '90e centile',
    stillIn: 'En cours',
    figures: {
      newStartups: 'Nouvelles startups',
      startupsAccelerated: 'Startups accélérées',
      startupsHosted: 'Startups hébergées',
      jobsCreated: 'Emplois créés',
      fundsRaisedEur: 'Fonds levés (EUR)',
      tradeShows: 'Salons internationaux',
    } as Record<string, string>,
  },
  en: {
    title: 'Funder report',
    subtitle: 'Parcours — unified innovation programme',
    period: 'Period',
    since: 'from the beginning',
    until: 'until',
    filters: 'Filters',
    noFilter: 'none (the whole scope)',
    generated: 'Generated on',
    pseudonymised: "Founders' personal data pseudonymised.",
    kpis: 'Indicators against targets',
    indicator: 'Indicator',
    actual: 'Actual',
    target: 'Target',
    progress: 'Progress',
    noTargets: 'No targets for these programmes.',
    funnel: 'Funnel',
    funnelNote: 'Startups that entered each stage in the period (bars) and the detailed figures.',
    stage: 'Stage',
    entered: 'Entered',
    movedOn: 'Moved on',
    movedBack: 'Moved back',
    exited: 'Exited',
    current: 'Current',
    conversion: 'Conversion',
    flows: 'Flows between stages',
    from: 'From',
    to: 'To',
    count: 'Moves',
    firstEntry: '(first entry)',
    noFlows: 'No move in the period.',
    time: 'Time in stage (days)',
    timeNote: 'Stays completed in the period: median and 90th percentile.',
    completed: 'Completed stays',
    median: 'Median',
    p90: '90th percentile',
    stillIn: 'Still in',
    figures: {
      newStartups: 'New startups',
      startupsAccelerated: 'Startups accelerated',
      startupsHosted: 'Startups hosted',
      jobsCreated: 'Jobs created',
      fundsRaisedEur: 'Funds raised (EUR)',
      tradeShows: 'International trade shows',
    } as Record<string, string>,
  },
} as const;

const COLOURS = {
  ink: '#1a1a1a',
  muted: '#555555',
  rule: '#bbbbbb',
  primary: '#1f4e9e',
  secondary: '#d9822b',
  track: '#e6e6e6',
  good: '#2e7d32',
};

const MARGIN = 50;

/** The KPI a target key measures (`startupsAccelerated3y` → startupsAccelerated, "3 ans"). */
function targetLabel(key: string, lang: ExportLanguage): string {
  const match = /^(.*?)(\d+)y$/.exec(key);
  const metric = match ? match[1] : key;
  const name = TEXT[lang].figures[metric] ?? metric;
  if (!match) return name;
  return lang === 'fr' ? `${name} (${match[2]} ans)` : `${name} (${match[2]} years)`;
}

/**
 * The funder report: figures and charts of a period and a selection, drawn with pdfkit's own
 * primitives (bars, tables), in the standard Helvetica font, so no font or chart library is
 * needed. The document is a stream: the reply reads it as pdfkit writes it.
 */
export async function funderReportPdf(
  data: FunderReportData,
  lang: ExportLanguage,
): Promise<Readable> {
  const PDFDocument = await loadPdfDocument();
  const t = TEXT[lang];
  const stages = STAGE_LABELS[lang];
  const numberFormat = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    maximumFractionDigits: 1,
  });
  // Helvetica (WinAnsi) has no narrow no-break space: French grouping uses a plain space.
  const num = (value: number | null) =>
    value === null ? '—' : numberFormat.format(value).replace(/[\u202f\u00a0]/g, ' ');
  const percent = (value: number | null) =>
    value === null ? '—' : `${num(Math.round(value * 1000) / 10)} %`;
  const date = (iso: string) =>
    new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
      dateStyle: 'long',
      timeZone: 'UTC',
    }).format(new Date(iso));

  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: lang === 'fr' ? 'fr-FR' : 'en-GB',
    displayTitle: true,
    info: { Title: `${t.title} — Parcours`, Author: 'Parcours', Subject: t.subtitle },
  });
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN;
  const ensure = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };

  const heading = (text: string, note?: string) => {
    ensure(80);
    doc.moveDown(1);
    doc.font('Helvetica-Bold').fontSize(14).fillColor(COLOURS.primary).text(text, MARGIN);
    if (note) doc.font('Helvetica').fontSize(9).fillColor(COLOURS.muted).text(note, MARGIN);
    doc.moveDown(0.5);
  };

  /** A table with a bold header row; right-aligned numeric columns. */
  const table = (headers: string[], rows: string[][], widths: number[], numeric: boolean[]) => {
    const rowHeight = 16;
    const drawRow = (cells: string[], bold: boolean) => {
      ensure(rowHeight);
      const y = doc.y;
      let x = MARGIN;
      doc
        .font(bold ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(9)
        .fillColor(COLOURS.ink);
      cells.forEach((cell, index) => {
        doc.text(cell, x + 2, y + 4, {
          width: widths[index] - 4,
          align: numeric[index] ? 'right' : 'left',
          lineBreak: false,
          ellipsis: true,
        });
        x += widths[index];
      });
      doc
        .moveTo(MARGIN, y + rowHeight)
        .lineTo(MARGIN + widths.reduce((a, b) => a + b, 0), y + rowHeight)
        .lineWidth(bold ? 0.8 : 0.3)
        .strokeColor(COLOURS.rule)
        .stroke();
      doc.x = MARGIN;
      doc.y = y + rowHeight;
    };
    drawRow(headers, true);
    rows.forEach((row) => drawRow(row, false));
    doc.moveDown(0.5);
  };

  /** Horizontal bars, one per label, scaled to the largest value; the value written after. */
  const bars = (items: { label: string; value: number; colour?: string }[], barHeight = 14) => {
    const labelWidth = 130;
    const trackWidth = width - labelWidth - 60;
    const max = Math.max(1, ...items.map((item) => item.value));
    for (const item of items) {
      ensure(barHeight + 6);
      const y = doc.y;
      doc.font('Helvetica').fontSize(9).fillColor(COLOURS.ink);
      doc.text(item.label, MARGIN, y + 3, { width: labelWidth - 6, lineBreak: false });
      doc.rect(MARGIN + labelWidth, y, trackWidth, barHeight).fill(COLOURS.track);
      const length = (item.value / max) * trackWidth;
      if (length > 0) {
        doc.rect(MARGIN + labelWidth, y, length, barHeight).fill(item.colour ?? COLOURS.primary);
      }
      doc
        .fillColor(COLOURS.ink)
        .text(num(item.value), MARGIN + labelWidth + trackWidth + 6, y + 3, {
          width: 54,
          lineBreak: false,
        });
      doc.x = MARGIN;
      doc.y = y + barHeight + 6;
    }
    doc.moveDown(0.5);
  };

  // Title block.
  doc.font('Helvetica-Bold').fontSize(22).fillColor(COLOURS.primary).text(t.title);
  doc.font('Helvetica').fontSize(11).fillColor(COLOURS.muted).text(t.subtitle);
  doc.moveDown(0.8);
  const period = data.kpis.period;
  doc
    .fontSize(10)
    .fillColor(COLOURS.ink)
    .text(
      `${t.period} : ${period.from === null ? t.since : date(period.from)} — ${t.until} ${date(period.to)} (${lang === 'fr' ? 'exclu' : 'exclusive'})`,
    );
  doc.text(`${t.filters} : ${data.filters.length > 0 ? data.filters.join(' ; ') : t.noFilter}`);
  doc.text(`${t.generated} ${date(data.generatedAt.toISOString())}`);
  if (data.pseudonymised) doc.fillColor(COLOURS.muted).text(t.pseudonymised);

  // KPIs against targets: the figures, then one progress bar per target.
  heading(t.kpis);
  table(
    [t.indicator, t.actual],
    (
      [
        'newStartups',
        'startupsAccelerated',
        'startupsHosted',
        'jobsCreated',
        'fundsRaisedEur',
        'tradeShows',
      ] as const
    ).map((key) => [t.figures[key], num(data.kpis[key])]),
    [width - 120, 120],
    [false, true],
  );
  if (data.kpis.targets.length === 0) {
    doc.font('Helvetica').fontSize(9).fillColor(COLOURS.muted).text(t.noTargets);
  } else {
    const labelWidth = 170;
    const trackWidth = width - labelWidth - 110;
    for (const target of data.kpis.targets) {
      ensure(26);
      const y = doc.y;
      doc.font('Helvetica').fontSize(9).fillColor(COLOURS.ink);
      doc.text(targetLabel(target.key, lang), MARGIN, y + 3, {
        width: labelWidth - 6,
        lineBreak: false,
        ellipsis: true,
      });
      doc.rect(MARGIN + labelWidth, y, trackWidth, 14).fill(COLOURS.track);
      const share = Math.max(0, Math.min(1, target.progress ?? 0));
      if (share > 0) {
        doc
          .rect(MARGIN + labelWidth, y, share * trackWidth, 14)
          .fill(share >= 1 ? COLOURS.good : COLOURS.secondary);
      }
      doc
        .fillColor(COLOURS.ink)
        .text(
          `${num(target.actual)} / ${num(target.target)} (${percent(target.progress)})`,
          MARGIN + labelWidth + trackWidth + 6,
          y + 3,
          { width: 104, lineBreak: false },
        );
      doc.x = MARGIN;
      doc.y = y + 20;
    }
  }

  // Funnel: bars of startups entered per stage, then the table of every figure.
  heading(t.funnel, t.funnelNote);
  bars(data.funnel.stages.map((s) => ({ label: stages[s.stage], value: s.entered })));
  const narrow = (width - 110) / 6;
  table(
    [t.stage, t.entered, t.movedOn, t.movedBack, t.exited, t.current, t.conversion],
    data.funnel.stages.map((s) => [
      stages[s.stage],
      num(s.entered),
      num(s.movedOn),
      num(s.movedBack),
      num(s.exited),
      num(s.current),
      percent(s.conversionRate),
    ]),
    [110, narrow, narrow, narrow, narrow, narrow, narrow],
    [false, true, true, true, true, true, true],
  );

  // Flows: the table of (from, to) with a bar per row for its share.
  heading(t.flows);
  if (data.flows.items.length === 0) {
    doc.font('Helvetica').fontSize(9).fillColor(COLOURS.muted).text(t.noFlows);
  } else {
    bars(
      data.flows.items.map((item) => ({
        label: `${item.fromStage === null ? t.firstEntry : stages[item.fromStage]} > ${stages[item.toStage]}`,
        value: item.count,
        colour: item.fromStage === null ? COLOURS.muted : COLOURS.primary,
      })),
      10,
    );
    table(
      [t.from, t.to, t.count],
      data.flows.items.map((item) => [
        item.fromStage === null ? t.firstEntry : stages[item.fromStage],
        stages[item.toStage],
        num(item.count),
      ]),
      [180, 180, width - 360],
      [false, false, true],
    );
  }

  // Time in stage: paired bars (median, p90) per stage, then the table.
  heading(t.time, t.timeNote);
  bars(
    data.timeInStage.stages.flatMap((s) => [
      { label: `${stages[s.stage]} — ${t.median}`, value: s.medianDays ?? 0 },
      { label: `${stages[s.stage]} — ${t.p90}`, value: s.p90Days ?? 0, colour: COLOURS.secondary },
    ]),
    10,
  );
  const column = (width - 130) / 4;
  table(
    [t.stage, t.completed, t.median, t.p90, t.stillIn],
    data.timeInStage.stages.map((s) => [
      stages[s.stage],
      num(s.completedStays),
      num(s.medianDays),
      num(s.p90Days),
      num(s.stillIn),
    ]),
    [130, column, column, column, column],
    [false, true, true, true, true],
  );

  doc.end();
  return doc as unknown as Readable;
}
