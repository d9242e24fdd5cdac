//! Measurements a service publishes: per period and channel, transactions
//! started and completed, cost and satisfaction ratings, plus values of the
//! contract's own metrics. Parsing (CSV and JSON), validation and CSV export.
//!
//! The CSV columns are exactly [`CSV_COLUMNS`], then optional `metric.<id>`
//! columns; an empty cell means "not measured". A download re-uploads unchanged.

use crate::assessment::pointer;
use crate::FieldProblem;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The fixed CSV columns, in order.
pub const CSV_COLUMNS: [&str; 10] = [
    "period",
    "channel",
    "started",
    "completed",
    "cost",
    "rating_1",
    "rating_2",
    "rating_3",
    "rating_4",
    "rating_5",
];

/// Prefix of a CSV column carrying a contract metric's value.
pub const METRIC_COLUMN_PREFIX: &str = "metric.";

/// Largest count accepted (a thousand million million: far above any real service, far below overflow).
pub const MAX_COUNT: u64 = 1_000_000_000_000_000;

/// Most rows in one upload (10 years of months for every channel, with room to spare).
pub const MAX_ROWS: usize = 2_000;

/// A reporting period: a calendar month or quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
pub enum Period {
    /// A month, e.g. `2026-03`.
    Month {
        /// Calendar year.
        year: i32,
        /// 1 to 12.
        month: u8,
    },
    /// A quarter of the calendar year, e.g. `2026-Q1`.
    Quarter {
        /// Calendar year.
        year: i32,
        /// 1 to 4.
        quarter: u8,
    },
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Period {
    /// Parses `YYYY-MM` or `YYYY-Qn`.
    pub fn parse(text: &str) -> Result<Period, String> {
        let bad = || format!("'{text}' is not a period: write YYYY-MM for a month or YYYY-Qn for a quarter.");
        let (year, rest) = text.split_once('-').ok_or_else(bad)?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = year.parse().map_err(|_| bad())?;
        if !(1900..=2199).contains(&year) {
            return Err(format!("'{text}' is outside the years 1900 to 2199."));
        }
        let number = |digits: &str, max: u8| -> Result<u8, String> {
            match digits.parse::<u8>() {
                Ok(n) if (1..=max).contains(&n) && digits.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
                _ => Err(bad()),
            }
        };
        match rest.strip_prefix('Q') {
            Some(q) if q.len() == 1 => Ok(Period::Quarter { year, quarter: number(q, 4)? }),
            None if rest.len() == 2 => Ok(Period::Month { year, month: number(rest, 12)? }),
            _ => Err(bad()),
        }
    }

    /// The period's first month as a count of months since year 0 (for arithmetic).
    pub fn first_month(self) -> i32 {
        match self {
            Period::Month { year, month } => year * 12 + i32::from(month) - 1,
            Period::Quarter { year, quarter } => year * 12 + (i32::from(quarter) - 1) * 3,
        }
    }

    /// The period's last month, counted like [`Period::first_month`].
    pub fn last_month(self) -> i32 {
        match self {
            Period::Month { .. } => self.first_month(),
            Period::Quarter { .. } => self.first_month() + 2,
        }
    }

    /// Number of months in the period.
    pub fn months(self) -> i32 {
        self.last_month() - self.first_month() + 1
    }

    /// The month holding a month count from [`Period::first_month`].
    pub fn month_of(index: i32) -> Period {
        Period::Month { year: index.div_euclid(12), month: (index.rem_euclid(12) + 1) as u8 }
    }

    /// The month of an RFC 3339 timestamp (`2026-03-…` → 2026-03).
    pub fn month_of_timestamp(timestamp: &str) -> Option<Period> {
        timestamp.get(..7).and_then(|m| Period::parse(m).ok()).filter(|p| matches!(p, Period::Month { .. }))
    }

    /// The period just before this one, of the same length.
    pub fn previous(self) -> Period {
        match self {
            Period::Month { .. } => Period::month_of(self.first_month() - 1),
            Period::Quarter { year, quarter: 1 } => Period::Quarter { year: year - 1, quarter: 4 },
            Period::Quarter { year, quarter } => Period::Quarter { year, quarter: quarter - 1 },
        }
    }

    /// Whether the month (counted like [`Period::first_month`]) falls in this period.
    pub fn contains_month(self, index: i32) -> bool {
        (self.first_month()..=self.last_month()).contains(&index)
    }

    /// The period in words, e.g. `March 2026` or `January to March 2026`.
    pub fn label(self) -> String {
        match self {
            Period::Month { year, month } => format!("{} {year}", MONTH_NAMES[usize::from(month - 1)]),
            Period::Quarter { year, quarter } => {
                let first = usize::from(quarter - 1) * 3;
                format!("{} to {} {year}", MONTH_NAMES[first], MONTH_NAMES[first + 2])
            }
        }
    }

    /// The period in words of another language: `months` are the 12 month names, `to` joins a quarter's first and last.
    pub fn label_in(self, months: &[String], to: &str) -> String {
        let name = |i: usize| months.get(i).map(String::as_str).unwrap_or(MONTH_NAMES[i]);
        match self {
            Period::Month { year, month } => format!("{} {year}", name(usize::from(month - 1))),
            Period::Quarter { year, quarter } => {
                let first = usize::from(quarter - 1) * 3;
                format!("{} {to} {} {year}", name(first), name(first + 2))
            }
        }
    }

    /// A short label for chart axes, e.g. `Mar 2026` or `Q1 2026`.
    pub fn short_label(self) -> String {
        match self {
            Period::Month { year, month } => format!("{} {year}", &MONTH_NAMES[usize::from(month - 1)][..3]),
            Period::Quarter { year, quarter } => format!("Q{quarter} {year}"),
        }
    }
}

/// Periods sort by time: by first month, then shorter first.
impl Ord for Period {
    fn cmp(&self, other: &Period) -> std::cmp::Ordering {
        (self.first_month(), self.months()).cmp(&(other.first_month(), other.months()))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Period) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Period::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
        }
    }
}

impl TryFrom<String> for Period {
    type Error = String;
    fn try_from(text: String) -> Result<Period, String> {
        Period::parse(&text)
    }
}

impl From<Period> for String {
    fn from(period: Period) -> String {
        period.to_string()
    }
}

/// How users reached the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    /// Online, by the user.
    Digital,
    /// Online, with someone's help (counted as digital).
    AssistedDigital,
    /// By telephone.
    Phone,
    /// By post or paper form.
    Paper,
    /// In person.
    FaceToFace,
    /// Any other way.
    Other,
}

impl Channel {
    /// Every channel, in display order.
    pub const ALL: [Channel; 6] = [
        Channel::Digital,
        Channel::AssistedDigital,
        Channel::Phone,
        Channel::Paper,
        Channel::FaceToFace,
        Channel::Other,
    ];

    /// The name used in CSV and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Digital => "digital",
            Channel::AssistedDigital => "assisted-digital",
            Channel::Phone => "phone",
            Channel::Paper => "paper",
            Channel::FaceToFace => "face-to-face",
            Channel::Other => "other",
        }
    }

    /// Parses a CSV/JSON channel name.
    pub fn parse(text: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// Whether the channel counts as digital for take-up and completion (assisted digital does).
    pub fn is_digital(self) -> bool {
        matches!(self, Channel::Digital | Channel::AssistedDigital)
    }
}

/// One period's figures for one channel. `None` means not measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MeasurementRow {
    /// The month or quarter.
    pub period: Period,
    /// The channel.
    pub channel: Channel,
    /// Transactions started.
    pub started: Option<u64>,
    /// Transactions completed.
    pub completed: Option<u64>,
    /// Total cost, in pence.
    pub cost_pence: Option<u64>,
    /// Satisfaction responses rating 1 (worst) to 5 (best).
    pub ratings: Option<[u64; 5]>,
    /// Values of contract metrics, by metric id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metrics: BTreeMap<String, f64>,
}

/// A cell of a JSON upload: a number or a string, checked like a CSV cell.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum Cell {
    /// A whole number.
    Whole(u64),
    /// Any other number.
    Number(f64),
    /// Text.
    Text(String),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Whole(n) => n.to_string(),
            Cell::Number(n) => n.to_string(),
            Cell::Text(t) => t.clone(),
        }
    }
}

/// One row of a JSON upload: the CSV columns as fields, contract metrics under `metrics`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct JsonRow {
    /// `YYYY-MM` or `YYYY-Qn`.
    pub period: Option<String>,
    /// A channel name.
    pub channel: Option<String>,
    /// Transactions started.
    pub started: Option<Cell>,
    /// Transactions completed.
    pub completed: Option<Cell>,
    /// Total cost in pounds.
    pub cost: Option<Cell>,
    /// Responses rating 1.
    pub rating_1: Option<Cell>,
    /// Responses rating 2.
    pub rating_2: Option<Cell>,
    /// Responses rating 3.
    pub rating_3: Option<Cell>,
    /// Responses rating 4.
    pub rating_4: Option<Cell>,
    /// Responses rating 5.
    pub rating_5: Option<Cell>,
    /// Contract metric values by id.
    #[serde(default)]
    pub metrics: BTreeMap<String, Option<Cell>>,
}

/// Body of `POST /v1/services/{slug}/measurements` as JSON.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MeasurementUpload {
    /// The rows.
    pub measurements: Vec<JsonRow>,
}

/// Collects every problem of an upload, each located by row and column.
struct RowChecker<'a> {
    problems: Vec<FieldProblem>,
    known_metrics: Option<&'a BTreeSet<String>>,
    /// `true`: locate as CSV (`/rows/<line>/<column>`); `false`: as JSON (`/measurements/<i>/<field>`).
    csv: bool,
}

impl RowChecker<'_> {
    fn problem(&mut self, row: usize, column: &str, detail: String) {
        let (root, place) = match self.csv {
            true => ("rows", format!("Row {row}, column {column}")),
            false => ("measurements", format!("Measurement {row}, {column}")),
        };
        let row_text = row.to_string();
        let path: Vec<&str> = if let Some(id) = column.strip_prefix(METRIC_COLUMN_PREFIX) {
            match self.csv {
                true => vec![root, &row_text, column],
                false => vec![root, &row_text, "metrics", id],
            }
        } else {
            vec![root, &row_text, column]
        };
        self.problems.push(FieldProblem { pointer: pointer(&path), detail: format!("{place}: {detail}") });
    }

    fn count(&mut self, row: usize, column: &str, cell: &str) -> Option<u64> {
        let cell = cell.trim();
        if cell.is_empty() {
            return None;
        }
        match cell.parse::<u64>() {
            Ok(n) if n <= MAX_COUNT => Some(n),
            Ok(_) => {
                self.problem(row, column, format!("'{cell}' is too large; counts go up to {MAX_COUNT}."));
                None
            }
            Err(_) => {
                self.problem(row, column, format!("'{cell}' is not a count: use a whole number, 0 or more."));
                None
            }
        }
    }

    fn pence(&mut self, row: usize, column: &str, cell: &str) -> Option<u64> {
        let cell = cell.trim();
        if cell.is_empty() {
            return None;
        }
        let found = parse_pounds(cell);
        if found.is_none() {
            self.problem(
                row,
                column,
                format!(
                    "'{cell}' is not an amount in pounds: write digits with up to 2 decimals, e.g. 1234.50."
                ),
            );
        }
        found
    }

    fn metric(&mut self, row: usize, column: &str, cell: &str) -> Option<f64> {
        let cell = cell.trim();
        if cell.is_empty() {
            return None;
        }
        match cell.parse::<f64>() {
            Ok(v) if v.is_finite() => Some(v),
            _ => {
                self.problem(row, column, format!("'{cell}' is not a number."));
                None
            }
        }
    }

    /// Checks one row given as text cells by column name.
    fn row(
        &mut self,
        row: usize,
        cell: &dyn Fn(&str) -> Option<String>,
        metric_ids: &[String],
    ) -> Option<MeasurementRow> {
        let before = self.problems.len();
        let period = match cell("period").map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()) {
            None => {
                self.problem(row, "period", "Give the period as YYYY-MM or YYYY-Qn.".to_owned());
                None
            }
            Some(text) => Period::parse(&text).map_err(|e| self.problem(row, "period", e)).ok(),
        };
        let channel = match cell("channel").map(|c| c.trim().to_owned()).filter(|c| !c.is_empty()) {
            None => {
                self.problem(row, "channel", format!("Give the channel: one of {}.", channel_list()));
                None
            }
            Some(text) => {
                let found = Channel::parse(&text);
                if found.is_none() {
                    self.problem(
                        row,
                        "channel",
                        format!("'{text}' is not a channel: use one of {}.", channel_list()),
                    );
                }
                found
            }
        };
        let started = self.count(row, "started", &cell("started").unwrap_or_default());
        let completed = self.count(row, "completed", &cell("completed").unwrap_or_default());
        let cost_pence = self.pence(row, "cost", &cell("cost").unwrap_or_default());
        let mut ratings = [None; 5];
        for (i, rating) in ratings.iter_mut().enumerate() {
            let column = CSV_COLUMNS[5 + i];
            *rating = self.count(row, column, &cell(column).unwrap_or_default());
        }
        let given = ratings.iter().filter(|r| r.is_some()).count();
        let ratings = match given {
            5 => Some(ratings.map(|r| r.unwrap_or(0))),
            0 => None,
            _ => {
                self.problem(
                    row,
                    "rating_1",
                    "Give all five rating counts (0 where nobody chose it) or leave all five empty."
                        .to_owned(),
                );
                None
            }
        };
        let mut metrics = BTreeMap::new();
        for id in metric_ids {
            let column = format!("{METRIC_COLUMN_PREFIX}{id}");
            if let Some(known) = self.known_metrics {
                if !known.contains(id) {
                    self.problem(row, &column, format!("The contract has no metric '{id}'."));
                    continue;
                }
            }
            if let Some(value) = self.metric(row, &column, &cell(&column).unwrap_or_default()) {
                metrics.insert(id.clone(), value);
            }
        }
        match (period, channel, self.problems.len() == before) {
            (Some(period), Some(channel), true) => {
                Some(MeasurementRow { period, channel, started, completed, cost_pence, ratings, metrics })
            }
            _ => None,
        }
    }
}

fn channel_list() -> String {
    Channel::ALL.map(Channel::as_str).join(", ")
}

/// Parses pounds with up to 2 decimals (`"1234"`, `"1234.5"`, `"0.99"`) into pence.
pub fn parse_pounds(text: &str) -> Option<u64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 15 || !digits(whole) || fraction.len() > 2 || !digits(fraction) {
        return None;
    }
    if text.ends_with('.') {
        return None;
    }
    let pence: u64 = format!("{fraction:0<2}").parse().ok()?;
    whole.parse::<u64>().ok()?.checked_mul(100)?.checked_add(pence)
}

/// Writes pence as pounds with 2 decimals, e.g. `123456` → `1234.56`.
pub fn format_pounds(pence: u64) -> String {
    format!("{}.{:02}", pence / 100, pence % 100)
}

/// Checks rows as a whole: one row per period and channel.
fn check_duplicates(checker: &mut RowChecker<'_>, rows: &[(usize, MeasurementRow)]) {
    let mut seen: BTreeMap<(Period, Channel), usize> = BTreeMap::new();
    for (row, m) in rows {
        if let Some(first) = seen.insert((m.period, m.channel), *row) {
            checker.problem(
                *row,
                "channel",
                format!(
                    "{} {} is already given in row {first}; give each period and channel once.",
                    m.period,
                    m.channel.as_str()
                ),
            );
        }
    }
}

/// Parses and checks a CSV upload; every problem at once, located by line and column.
///
/// `known_metrics`: the contract's metric ids, if it has a contract (then others are refused).
pub fn parse_csv(
    bytes: &[u8],
    known_metrics: Option<&BTreeSet<String>>,
) -> Result<Vec<MeasurementRow>, Vec<FieldProblem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut checker = RowChecker { problems: Vec::new(), known_metrics, csv: true };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut records = reader.byte_records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(e)) => return Err(vec![csv_problem(1, &e)]),
        None => {
            return Err(vec![FieldProblem {
                pointer: "/rows/1".to_owned(),
                detail: format!(
                    "The file is empty: the first line must be the header {}.",
                    CSV_COLUMNS.join(",")
                ),
            }])
        }
    };
    let header: Vec<String> = header.iter().map(|h| String::from_utf8_lossy(h).trim().to_owned()).collect();
    for (i, column) in CSV_COLUMNS.iter().enumerate() {
        if header.get(i).map(String::as_str) != Some(*column) {
            return Err(vec![FieldProblem {
                pointer: pointer(&["rows", "1", &(i + 1).to_string()]),
                detail: format!(
                    "Row 1 (the header), column {}: expected '{column}'. The header must start {} and may add metric.<id> columns.",
                    i + 1,
                    CSV_COLUMNS.join(",")
                ),
            }]);
        }
    }
    let mut metric_ids = Vec::new();
    for (i, column) in header.iter().enumerate().skip(CSV_COLUMNS.len()) {
        match column.strip_prefix(METRIC_COLUMN_PREFIX).filter(|id| !id.is_empty()) {
            Some(id) if !metric_ids.iter().any(|m| m == id) => metric_ids.push(id.to_owned()),
            _ => checker.problems.push(FieldProblem {
                pointer: pointer(&["rows", "1", &(i + 1).to_string()]),
                detail: format!(
                    "Row 1 (the header), column {}: '{column}' is not allowed; extra columns are metric.<id>, each once.",
                    i + 1
                ),
            }),
        }
    }
    if !checker.problems.is_empty() {
        return Err(checker.problems);
    }
    let mut rows = Vec::new();
    for (index, record) in records.enumerate() {
        let line = index + 2;
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                checker.problems.push(csv_problem(line, &e));
                continue;
            }
        };
        if record.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        if rows.len() + checker.problems.len() >= MAX_ROWS {
            checker.problems.push(FieldProblem {
                pointer: pointer(&["rows", &line.to_string()]),
                detail: format!("Row {line}: an upload holds at most {MAX_ROWS} rows; split the file."),
            });
            break;
        }
        let mut cells: BTreeMap<&str, String> = BTreeMap::new();
        let mut utf8 = true;
        for (i, name) in header.iter().enumerate() {
            let raw = record.get(i).unwrap_or(b"");
            match std::str::from_utf8(raw) {
                Ok(text) => {
                    cells.insert(name.as_str(), text.to_owned());
                }
                Err(_) => {
                    checker.problem(
                        line,
                        name,
                        "the cell is not UTF-8 text; save the file as CSV UTF-8.".to_owned(),
                    );
                    utf8 = false;
                }
            }
        }
        if record.len() > header.len() {
            checker.problem(
                line,
                "channel",
                format!("the row has {} cells but the header has {}.", record.len(), header.len()),
            );
            continue;
        }
        if !utf8 {
            continue;
        }
        let lookup = |name: &str| cells.get(name).cloned();
        if let Some(row) = checker.row(line, &lookup, &metric_ids) {
            rows.push((line, row));
        }
    }
    finish(checker, rows)
}

fn csv_problem(line: usize, err: &csv::Error) -> FieldProblem {
    FieldProblem {
        pointer: pointer(&["rows", &line.to_string()]),
        detail: format!("Row {line}: the line is not valid CSV ({err})."),
    }
}

/// Checks a JSON upload like a CSV one; rows are located by index in `measurements`.
pub fn check_upload(
    upload: &MeasurementUpload,
    known_metrics: Option<&BTreeSet<String>>,
) -> Result<Vec<MeasurementRow>, Vec<FieldProblem>> {
    let mut checker = RowChecker { problems: Vec::new(), known_metrics, csv: false };
    if upload.measurements.len() > MAX_ROWS {
        return Err(vec![FieldProblem {
            pointer: "/measurements".to_owned(),
            detail: format!("An upload holds at most {MAX_ROWS} measurements; split it."),
        }]);
    }
    let mut rows = Vec::new();
    for (i, json) in upload.measurements.iter().enumerate() {
        let metric_ids: Vec<String> = json.metrics.keys().cloned().collect();
        let lookup = |name: &str| -> Option<String> {
            let cell = |c: &Option<Cell>| c.as_ref().map(Cell::text);
            match name {
                "period" => json.period.clone(),
                "channel" => json.channel.clone(),
                "started" => cell(&json.started),
                "completed" => cell(&json.completed),
                "cost" => cell(&json.cost),
                "rating_1" => cell(&json.rating_1),
                "rating_2" => cell(&json.rating_2),
                "rating_3" => cell(&json.rating_3),
                "rating_4" => cell(&json.rating_4),
                "rating_5" => cell(&json.rating_5),
                other => other
                    .strip_prefix(METRIC_COLUMN_PREFIX)
                    .and_then(|id| json.metrics.get(id))
                    .and_then(|c| c.as_ref().map(Cell::text)),
            }
        };
        if let Some(row) = checker.row(i, &lookup, &metric_ids) {
            rows.push((i, row));
        }
    }
    finish(checker, rows)
}

fn finish(
    mut checker: RowChecker<'_>,
    rows: Vec<(usize, MeasurementRow)>,
) -> Result<Vec<MeasurementRow>, Vec<FieldProblem>> {
    check_duplicates(&mut checker, &rows);
    if rows.is_empty() && checker.problems.is_empty() {
        checker.problems.push(FieldProblem {
            pointer: String::new(),
            detail: "The upload has no measurements.".to_owned(),
        });
    }
    match checker.problems.is_empty() {
        true => Ok(rows.into_iter().map(|(_, row)| row).collect()),
        false => Err(checker.problems),
    }
}

/// Writes rows as CSV with the upload's columns (metric columns sorted by id), so it re-uploads unchanged.
pub fn to_csv(rows: &[MeasurementRow]) -> String {
    let metric_ids: BTreeSet<&str> = rows.iter().flat_map(|r| r.metrics.keys().map(String::as_str)).collect();
    let mut writer = crate::csv_text::CsvText::new();
    let header = CSV_COLUMNS
        .iter()
        .map(|c| (*c).to_owned())
        .chain(metric_ids.iter().map(|id| format!("{METRIC_COLUMN_PREFIX}{id}")));
    writer.record(header);
    let count = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
    for row in rows {
        let mut record = vec![
            row.period.to_string(),
            row.channel.as_str().to_owned(),
            count(row.started),
            count(row.completed),
            row.cost_pence.map(format_pounds).unwrap_or_default(),
        ];
        for i in 0..5 {
            record.push(count(row.ratings.map(|r| r[i])));
        }
        for id in &metric_ids {
            record.push(row.metrics.get(*id).map(|v| v.to_string()).unwrap_or_default());
        }
        writer.record(&record);
    }
    writer.into_string()
}

/// All of one period's rows, as stored: re-uploading the period replaces the whole record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PeriodRecord {
    /// The period.
    pub period: Period,
    /// Its rows, one per channel, in channel order.
    pub rows: Vec<MeasurementRow>,
    /// When it was uploaded (RFC 3339, UTC).
    pub uploaded_at: String,
}

/// Groups checked rows by period, ready to store one record per period.
pub fn by_period(rows: Vec<MeasurementRow>, uploaded_at: &str) -> Vec<PeriodRecord> {
    let mut grouped: BTreeMap<Period, Vec<MeasurementRow>> = BTreeMap::new();
    for row in rows {
        grouped.entry(row.period).or_default().push(row);
    }
    grouped
        .into_iter()
        .map(|(period, mut rows)| {
            rows.sort_by_key(|r| r.channel);
            PeriodRecord { period, rows, uploaded_at: uploaded_at.to_owned() }
        })
        .collect()
}

#[cfg(test)]
mod tests;

/// A row as published in JSON: the CSV columns as fields (cost in pounds), metrics by id.
/// `{"measurements": [...]}` of these re-uploads unchanged.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PublishedRow {
    /// `YYYY-MM` or `YYYY-Qn`.
    pub period: Period,
    /// The channel.
    pub channel: Channel,
    /// Transactions started.
    pub started: Option<u64>,
    /// Transactions completed.
    pub completed: Option<u64>,
    /// Total cost in pounds.
    pub cost: Option<f64>,
    /// Responses rating 1.
    pub rating_1: Option<u64>,
    /// Responses rating 2.
    pub rating_2: Option<u64>,
    /// Responses rating 3.
    pub rating_3: Option<u64>,
    /// Responses rating 4.
    pub rating_4: Option<u64>,
    /// Responses rating 5.
    pub rating_5: Option<u64>,
    /// Contract metric values by id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metrics: BTreeMap<String, f64>,
}

impl From<&MeasurementRow> for PublishedRow {
    fn from(row: &MeasurementRow) -> PublishedRow {
        let rating = |i: usize| row.ratings.map(|r| r[i]);
        PublishedRow {
            period: row.period,
            channel: row.channel,
            started: row.started,
            completed: row.completed,
            cost: row.cost_pence.map(|p| p as f64 / 100.0),
            rating_1: rating(0),
            rating_2: rating(1),
            rating_3: rating(2),
            rating_4: rating(3),
            rating_5: rating(4),
            metrics: row.metrics.clone(),
        }
    }
}

/// Body of `GET /v1/services/{slug}/measurements`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MeasurementList {
    /// Every row, by period then channel.
    pub measurements: Vec<PublishedRow>,
}

/// Body of a successful upload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MeasurementReceipt {
    /// The periods stored (each replaced whole).
    pub periods: Vec<Period>,
    /// Number of rows stored.
    pub rows: usize,
}
