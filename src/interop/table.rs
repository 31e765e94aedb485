//! Notes from a spreadsheet (CSV) or a plain text file.
