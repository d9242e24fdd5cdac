//! CSV text being written: a field is quoted only when it holds a comma, a
//! quote or a line break, with its quotes doubled (RFC 4180); records end
//! with `\n`. This is exactly what the `csv` crate's writer produces, which
//! the tests check against it.
//!
//! Written here rather than with `csv::Writer` or `csv-core`'s writer: both
//! choose a quoting style at run time, and one style parses each field as a
//! number, which brings the float parser's tables into the widgets' wasm
//! (about 15 KB brotli, for the self-assessment's CSV download alone).
//! Reading CSV stays with the `csv` crate.

/// A CSV document, written a record at a time.
#[derive(Debug, Default)]
pub struct CsvText {
    text: String,
}

impl CsvText {
    /// An empty document.
    pub fn new() -> CsvText {
        CsvText::default()
    }

    /// Adds one record: its fields in order, then the line end.
    pub fn record<I, S>(&mut self, fields: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let start = self.text.len();
        for (i, field) in fields.into_iter().enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            let field = field.as_ref();
            if field.contains([',', '"', '\n', '\r']) {
                self.text.push('"');
                self.text.push_str(&field.replace('"', "\"\""));
                self.text.push('"');
            } else {
                self.text.push_str(field);
            }
        }
        // A record of one empty field is written `""`, not as a blank line (which readers skip).
        if self.text.len() == start {
            self.text.push_str("\"\"");
        }
        self.text.push('\n');
    }

    /// The document's text.
    pub fn into_string(self) -> String {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn text(records: &[Vec<String>]) -> String {
        let mut csv = CsvText::new();
        for record in records {
            csv.record(record);
        }
        csv.into_string()
    }

    fn owned(records: &[&[&str]]) -> Vec<Vec<String>> {
        records.iter().map(|r| r.iter().map(|f| (*f).to_owned()).collect()).collect()
    }

    /// What the `csv` crate's writer makes of the same records.
    fn csv_crate(records: &[Vec<String>]) -> String {
        let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
        for record in records {
            writer.write_record(record).unwrap();
        }
        String::from_utf8(writer.into_inner().unwrap()).unwrap()
    }

    #[test]
    fn plain_fields_are_written_as_they_are() {
        assert_eq!(text(&owned(&[&["a", "b c", "1.5"], &["d", "", "2"]])), "a,b c,1.5\nd,,2\n");
    }

    #[test]
    fn fields_with_commas_quotes_or_line_breaks_are_quoted() {
        assert_eq!(
            text(&owned(&[&["x,y", "say \"hi\"", "two\nlines", "\"\"\""]])),
            "\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\",\"\"\"\"\"\"\"\"\n"
        );
    }

    #[test]
    fn a_record_of_one_empty_field_is_not_a_blank_line() {
        assert_eq!(text(&owned(&[&[""], &["a"]])), "\"\"\na\n");
    }

    proptest! {
        #[test]
        fn it_writes_what_the_csv_crate_writes(
            records in prop::collection::vec(prop::collection::vec("[a-z ,\"\r\n0-9.é-]{0,6}", 1..5), 0..5)
        ) {
            prop_assert_eq!(text(&records), csv_crate(&records));
        }

        #[test]
        fn the_csv_crate_reads_back_what_it_writes(
            records in prop::collection::vec(prop::collection::vec("[a-z ,\"\r\n0-9]{0,6}", 2..4), 1..5)
        ) {
            let written = text(&records);
            let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(written.as_bytes());
            let read: Vec<Vec<String>> =
                reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
            prop_assert_eq!(read, records);
        }
    }
}
