// What the dashboard shows of each of the twelve metrics (docs/metrics.md): the headline figure of its card, the
// small chart, the full charts of its page and the figures whose cards the drill-down can list. Each reads the
// `figures` of the metric's JSON answer as the API gives it; nothing is computed here but sums for display.

const n = (v) => (v == null ? null : Number(v));
const name = (ru, en) => ({ ru, en });
const weekdays = { ru: ['', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс'], en: ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] };

export const METRICS = [
  {
    id: 'lead-inflow',
    headline: (f) => f.total,
    kind: 'int',
    better: 'up',
    spark: (f) => ({ type: 'bar', labels: f.buckets.map((b) => b.start), values: f.buckets.map((b) => b.count) }),
    charts: (f) => [
      { name: name('Лиды по дням', 'Leads by day'), type: 'bar', kind: 'int',
        labels: f.buckets.map((b) => b.start), label: 'date', series: [{ values: f.buckets.map((b) => b.count) }] },
      { name: name('По сменам', 'By shift'), type: 'bar', kind: 'int', labels: f.byShift.map((s) => s.shift),
        series: [{ name: name('Лиды', 'Leads'), values: f.byShift.map((s) => s.count) },
          { name: name('Недозвон', 'Unreached'), values: f.byShift.map((s) => s.unreached) },
          { name: name('Отказ', 'Rejected'), values: f.byShift.map((s) => s.rejected) }] },
      { name: name('По источникам', 'By source'), type: 'bar', kind: 'int', labels: f.bySource.map((s) => s.source),
        series: [{ values: f.bySource.map((s) => s.count) }] },
      { name: name('По менеджерам', 'By manager'), type: 'bar', kind: 'int',
        labels: f.byManager.map((m) => m.managerName ?? m.managerId), series: [{ values: f.byManager.map((m) => m.count) }] },
    ],
  },
  {
    id: 'rejected-leads',
    headline: (f) => f.rejected,
    kind: 'int',
    better: 'down',
    spark: (f) => ({ type: 'bar', labels: f.byReason.map((r) => r.reasonLabel ?? r.reason), values: f.byReason.map((r) => r.count) }),
    charts: (f) => [
      { name: name('Причины отказа', 'Rejection reasons'), type: 'bar', kind: 'int',
        labels: f.byReason.map((r) => r.reasonLabel ?? r.reason), series: [{ values: f.byReason.map((r) => r.count) }] },
      { name: name('Доля отказов по источникам', 'Rejected share by source'), type: 'bar', kind: 'percent',
        labels: f.bySource.map((s) => s.source), series: [{ values: f.bySource.map((s) => n(s.share)) }] },
      { name: name('По менеджерам', 'By manager'), type: 'bar', kind: 'int',
        labels: f.byManager.map((m) => m.managerName ?? m.managerId), series: [{ values: f.byManager.map((m) => m.count) }] },
    ],
  },
  {
    id: 'manager-load',
    headline: (f) => f.openCards,
    kind: 'int',
    better: null,
    spark: (f) => ({ type: 'bar', labels: f.managers.map((m) => m.name ?? m.managerId), values: f.managers.map((m) => m.openCards) }),
    charts: (f) => [
      { name: name('Открытые карточки по этапам', 'Open cards by stage'), type: 'bar', kind: 'int',
        labels: f.stages.map((s) => (s.label ?? s.stage) + (f.bottleneck && f.bottleneck.stage === s.stage ? ' ⚠' : '')),
        series: [{ values: f.stages.map((s) => s.openCards) }],
        note: f.bottleneck ? name('Узкое место: ' + (f.bottleneck.label ?? f.bottleneck.stage) + ' — ' + (f.bottleneck.reason ?? ''),
          'Bottleneck: ' + (f.bottleneck.label ?? f.bottleneck.stage) + ' — ' + (f.bottleneck.reason ?? '')) : null },
      { name: name('Загрузка менеджеров', 'Capacity use per manager'), type: 'bar', kind: 'percent',
        labels: f.managers.map((m) => m.name ?? m.managerId), series: [{ values: f.managers.map((m) => n(m.capacityUse)) }] },
      { name: name('Дней на этапе (обычно и сейчас)', 'Days in stage (usual and now)'), type: 'bar', kind: 'decimal',
        labels: f.stages.map((s) => s.label ?? s.stage),
        series: [{ name: name('Сейчас', 'Now'), values: f.stages.map((s) => n(s.meanDaysInStage)) },
          { name: name('Обычно', 'Usual'), values: f.stages.map((s) => n(s.usualDays)) }] },
    ],
  },
  {
    id: 'average-check',
    headline: (f) => n(f.overall.mean),
    kind: 'money',
    better: 'up',
    spark: (f) => ({ type: 'bar', labels: f.byManager.map((m) => m.managerName ?? m.managerId), values: f.byManager.map((m) => n(m.check.mean)) }),
    charts: (f) => [
      { name: name('Средний чек по менеджерам', 'Average check per manager'), type: 'bar', kind: 'money',
        labels: f.byManager.map((m) => m.managerName ?? m.managerId),
        series: [{ name: name('Среднее', 'Mean'), values: f.byManager.map((m) => n(m.check.mean)) },
          { name: name('Медиана', 'Median'), values: f.byManager.map((m) => n(m.check.median)) }] },
      { name: name('По категориям', 'Per category'), type: 'bar', kind: 'money', labels: f.byCategory.map((c) => c.category),
        series: [{ values: f.byCategory.map((c) => n(c.check.mean)) }] },
    ],
  },
  {
    id: 'deal-cycle',
    headline: (f) => n(f.overall.meanCalendarDays),
    kind: 'days',
    better: 'down',
    spark: (f) => ({ type: 'bar', labels: f.byStage.map((s) => s.stageName ?? s.stageId), values: f.byStage.map((s) => n(s.meanDays)) }),
    charts: (f) => [
      { name: name('Дней на каждом этапе', 'Days in each stage'), type: 'bar', kind: 'decimal',
        labels: f.byStage.map((s) => s.stageName ?? s.stageId), series: [{ values: f.byStage.map((s) => n(s.meanDays)) }] },
      { name: name('Цикл по менеджерам, дней', 'Cycle per manager, days'), type: 'bar', kind: 'decimal',
        labels: f.byManager.map((m) => m.managerName ?? m.managerId),
        series: [{ name: name('Календарных', 'Calendar'), values: f.byManager.map((m) => n(m.cycle.meanCalendarDays)) },
          { name: name('Рабочих', 'Working'), values: f.byManager.map((m) => n(m.cycle.meanWorkingDays)) }] },
    ],
  },
  {
    id: 'seasonality',
    headline: (f) => f.historyMonths,
    kind: 'months',
    better: null,
    spark: (f) => ({ type: 'line', labels: f.byMonthOfYear.map((b) => b.key), values: f.byMonthOfYear.map((b) => n(b.inflowIndex)) }),
    charts: (f) => [
      { name: name('Сезонный индекс по месяцам', 'Seasonal index by month'), type: 'line', kind: 'decimal',
        labels: f.byMonthOfYear.map((b) => b.key),
        series: [{ name: name('Лиды', 'Inflow'), values: f.byMonthOfYear.map((b) => n(b.inflowIndex)) },
          { name: name('Продажи', 'Sales'), values: f.byMonthOfYear.map((b) => n(b.salesIndex)) }],
        note: f.historyNote ? name(f.historyNote, f.historyNote) : null },
      { name: name('По дням недели', 'By weekday'), type: 'bar', kind: 'decimal',
        labels: (lang) => f.byWeekday.map((b) => weekdays[lang][b.key] ?? b.key),
        series: [{ name: name('Лиды', 'Inflow'), values: f.byWeekday.map((b) => n(b.inflowIndex)) },
          { name: name('Продажи', 'Sales'), values: f.byWeekday.map((b) => n(b.salesIndex)) }] },
      { name: name('По часам', 'By hour'), type: 'bar', kind: 'int', labels: f.byHour.map((b) => b.key),
        series: [{ name: name('Лиды', 'Leads'), values: f.byHour.map((b) => b.leads) }] },
    ],
  },
  {
    id: 'repeat-sales',
    headline: (f) => n(f.overall.repeatShare),
    kind: 'percent',
    better: 'up',
    spark: (f) => ({ type: 'bar', labels: f.byManager.map((m) => m.managerName ?? m.managerId), values: f.byManager.map((m) => n(m.shares.repeatShare)) }),
    charts: (f) => [
      { name: name('Доли по менеджерам', 'Shares per manager'), type: 'bar', kind: 'percent',
        labels: f.byManager.map((m) => m.managerName ?? m.managerId),
        series: [{ name: name('Повторные', 'Repeat'), values: f.byManager.map((m) => n(m.shares.repeatShare)) },
          { name: name('По рекомендации', 'Referred'), values: f.byManager.map((m) => n(m.shares.referredShare)) },
          { name: name('Доля выручки', 'Revenue share'), values: f.byManager.map((m) => n(m.shares.repeatRevenueShare)) }] },
    ],
    figures: ['repeatDeals', 'referredDeals'],
  },
  {
    id: 'popular-products',
    headline: (f) => f.categories.reduce((sum, c) => sum + Number(c.revenue ?? 0), 0),
    kind: 'money',
    better: 'up',
    spark: (f) => ({ type: 'bar', labels: f.products.slice(0, 5).map((p) => p.name), values: f.products.slice(0, 5).map((p) => n(p.revenue)) }),
    charts: (f) => [
      { name: name('Товары по выручке', 'Products by revenue'), type: 'bar', kind: 'money', labels: f.products.map((p) => p.name),
        series: [{ values: f.products.map((p) => n(p.revenue)) }] },
      { name: name('Продано и предложено, шт.', 'Won and offered quantity'), type: 'bar', kind: 'decimal',
        labels: f.products.map((p) => p.name),
        series: [{ name: name('Продано', 'Won'), values: f.products.map((p) => n(p.wonQuantity)) },
          { name: name('В открытых сделках', 'On open deals'), values: f.products.map((p) => n(p.offeredQuantity)) }] },
      { name: name('Категории по выручке', 'Categories by revenue'), type: 'bar', kind: 'money',
        labels: f.categories.map((c) => c.category), series: [{ values: f.categories.map((c) => n(c.revenue)) }] },
    ],
  },
  {
    id: 'plan-forecast',
    headline: (f) => n(f.soldToDate),
    kind: 'money',
    better: 'up',
    spark: (f) => ({ type: 'line', labels: f.days.map((d) => d.date), values: f.days.map((d) => n(d.cumulativeSold)) }),
    charts: (f) => [planChart(f)],
    figures: ['soldToDate', 'weightedPipeline'],
  },
  {
    id: 'base-burnout',
    headline: (f) => (f.managers.length ? Math.max(...f.managers.map((m) => Number(m.index ?? 0))) : null),
    kind: 'decimal',
    better: 'down',
    spark: (f) => ({ type: 'bar', labels: f.managers.map((m) => m.managerName ?? m.managerId), values: f.managers.map((m) => n(m.index)) }),
    charts: (f) => [
      { name: name('Индекс выжигания по менеджерам', 'Burnout index per manager'), type: 'bar', kind: 'decimal',
        labels: f.managers.map((m) => m.managerName ?? m.managerId), series: [{ values: f.managers.map((m) => n(m.index)) }] },
      ...burnoutParts(f),
    ],
    figures: ['pressureLossShare', 'endCrowding'],
  },
  {
    id: 'forgotten-cards',
    headline: (f) => f.forgottenCards,
    kind: 'int',
    better: 'down',
    spark: (f) => ({ type: 'bar', labels: f.byManager.map((m) => m.managerName ?? m.managerId), values: f.byManager.map((m) => m.forgottenCards) }),
    charts: (f) => [
      { name: name('Забытые и просроченные по менеджерам', 'Forgotten and overdue per manager'), type: 'bar', kind: 'int',
        labels: f.byManager.map((m) => m.managerName ?? m.managerId),
        series: [{ name: name('Забытые карточки', 'Forgotten cards'), values: f.byManager.map((m) => m.forgottenCards) },
          { name: name('Просроченные задачи', 'Overdue tasks'), values: f.byManager.map((m) => m.overdueTasks) }] },
    ],
    figures: ['forgottenCards', 'overdueTasks'],
  },
  {
    id: 'dismissed-base',
    headline: (f) => f.openCardsStillOwned,
    kind: 'int',
    better: 'down',
    spark: (f) => ({ type: 'bar', labels: f.dismissedManagers.map((m) => m.name ?? m.managerId), values: f.dismissedManagers.map((m) => m.openCards) }),
    charts: (f) => [
      { name: name('Открытые карточки уволенных', 'Open cards of dismissed managers'), type: 'bar', kind: 'int',
        labels: f.dismissedManagers.map((m) => m.name ?? m.managerId), series: [{ values: f.dismissedManagers.map((m) => m.openCards) }] },
      { name: name('Когорты передач', 'Transfer cohorts'), type: 'bar', kind: 'percent',
        labels: [...f.transfers.map((c) => (c.fromManagerName ?? c.transferId) + ' ' + String(c.startedAt).slice(0, 10)), 'baseline'],
        series: [
          { name: name('Тронуты', 'Touched'), values: [...f.transfers, f.baseline].map((c) => n(c?.touchedShare)) },
          { name: name('Выиграны', 'Won'), values: [...f.transfers, f.baseline].map((c) => n(c?.wonShare)) },
          { name: name('Проиграны', 'Lost'), values: [...f.transfers, f.baseline].map((c) => n(c?.lostShare)) },
          { name: name('Без движения', 'Still idle'), values: [...f.transfers, f.baseline].map((c) => n(c?.stillIdleShare)) }] },
    ],
    figures: ['openCardsStillOwned', 'transfer', 'baseline'],
  },
];

export function planChart(f) {
  return {
    name: name('План и факт нарастающим итогом', 'Plan and sales, cumulative'), type: 'line', kind: 'money',
    labels: f.days.map((d) => d.date), label: 'date',
    series: [{ name: name('Продано', 'Sold'), values: f.days.map((d) => n(d.cumulativeSold)) },
      { name: name('Линия плана', 'Plan line'), values: f.days.map((d) => n(d.planLine)) }],
  };
}

function burnoutParts(f) {
  const parts = [...new Set(f.managers.flatMap((m) => m.parts.map((p) => p.name)))];
  if (!parts.length) return [];
  return [{
    name: name('Части индекса (оценка)', 'Index parts (score)'), type: 'bar', kind: 'decimal',
    labels: f.managers.map((m) => m.managerName ?? m.managerId),
    series: parts.map((part) => ({ name: name(part, part),
      values: f.managers.map((m) => n(m.parts.find((p) => p.name === part)?.score)) })),
  }];
}

export const byId = Object.fromEntries(METRICS.map((m) => [m.id, m]));
