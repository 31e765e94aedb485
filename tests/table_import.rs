//! Notes from spreadsheets and text files: what facilitators get from survey exports (commas or
//! semicolons, byte-order marks, quoted cells), what is reported about bad rows, the layout of
//! the notes and frames it makes, and hostile files that must be refused quickly and clearly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "common/rng.rs"]
mod rng;

use rng::Rng;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use civic_canvas::edit::{self, Command, Origin};
use civic_canvas::interop::table::{
    ImportError, MAX_NOTE_CHARS, MAX_NOTES, MAX_WARNINGS, Placement, Table, TableOptions, lay_out,
    notes_from_csv, notes_from_text,
};
use civic_canvas::model::{
    Board, IdGen, Item, ItemId, ItemKind, MAX_COORDINATE, PaletteColor, Point, ZKey,
};

const BOM: &str = "\u{feff}";

fn csv(text: &str) -> Table {
    notes_from_csv(text.as_bytes(), &TableOptions::default()).unwrap()
}

fn texts(table: &Table) -> Vec<&str> {
    table.rows.iter().map(|row| row.text.as_str()).collect()
}

fn lines(table: &Table) -> Vec<usize> {
    table.rows.iter().map(|row| row.line).collect()
}

/// The items for `table` laid out on an empty board at (100, 50).
fn laid_out(table: &Table) -> Vec<Item> {
    let placement = Placement::on(&Board::new("Workshop"), Point::new(100.0, 50.0));
    lay_out(table, &placement, &mut IdGen::seeded(7), |_| false)
}

fn note_text(item: &Item) -> &str {
    match &item.kind {
        ItemKind::Note(note) => &note.text,
        _ => panic!("not a note: {item:?}"),
    }
}

#[test]
fn a_comma_file_with_a_byte_order_mark() {
    let table = csv(&format!(
        "{BOM}Idea,Colour\nBetter bus stops,green\nPay parking by SMS,\n"
    ));
    assert_eq!(texts(&table), ["Better bus stops", "Pay parking by SMS"]);
    assert_eq!(lines(&table), [2, 3]);
    assert_eq!(table.rows[0].color, PaletteColor::Green);
    assert_eq!(table.rows[1].color, PaletteColor::Yellow);
    assert!(table.warnings.is_empty(), "{:?}", table.warnings);
}

#[test]
fn a_semicolon_file_with_a_byte_order_mark_keeps_commas_in_cells() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/table/survey_semicolon.csv");
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF") && bytes.windows(2).any(|w| w == b"\r\n"));
    let table = notes_from_csv(&bytes, &TableOptions::default()).unwrap();
    assert_eq!(
        texts(&table),
        [
            "Online booking for the civil registry",
            "Приступачне услуге; и на ћирилици",
            "One counter for everything,\nnot five",
            "ერთი ფანჯარა ყველა სერვისისთვის",
            "Pagesa online për taksat lokale",
            "Plata impozitelor fără cozi",
        ]
    );
    assert_eq!(lines(&table), [2, 3, 4, 6, 7, 8]);
    let colors: Vec<PaletteColor> = table.rows.iter().map(|row| row.color).collect();
    assert_eq!(
        colors,
        [
            PaletteColor::Green,
            PaletteColor::Blue,
            PaletteColor::Pink,
            PaletteColor::Teal,
            PaletteColor::Grey,
            PaletteColor::Yellow
        ]
    );
    // "offices" is the group "Offices", as first written.
    assert_eq!(table.groups(), ["Services", "Offices", "Payments"]);
    assert!(table.warnings.is_empty(), "{:?}", table.warnings);
}

#[test]
fn tabs_and_a_named_separator_are_read_too() {
    let tabs = csv("Note\tGroup\nWi-Fi in the library, please\tLibrary\n");
    assert_eq!(texts(&tabs), ["Wi-Fi in the library, please"]);
    assert_eq!(tabs.groups(), ["Library"]);
    // Excel's first line `sep=;` names the separator, even when the header holds more commas.
    let named = csv("sep=;\nIdea;Votes, if any, by ward\nOpen data, monthly;3\n");
    assert_eq!(texts(&named), ["Open data, monthly"]);
    assert_eq!(named.rows[0].line, 3);
    // A header with no separator is one column: commas in the rows stay in the text.
    let single = csv("Ideas\nWalk, cycle, bus\n\nTrams\n");
    assert_eq!(texts(&single), ["Walk, cycle, bus", "Trams"]);
}

#[test]
fn utf16_text_with_its_byte_order_mark_is_read() {
    let text = "Idea\tColour\r\nЧекање у реду онлајн\tred\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let table = notes_from_csv(&bytes, &TableOptions::default()).unwrap();
    assert_eq!(texts(&table), ["Чекање у реду онлајн"]);
    assert_eq!(table.rows[0].color, PaletteColor::Red);
}

#[test]
fn a_quoted_cell_holds_line_breaks_and_doubled_quotes() {
    let table = csv(
        "idea,group\n\"Ask citizens: \"\"what is missing?\"\"\r\nthen act\",Listening\n\
         After the quoted cell,Listening\n",
    );
    assert_eq!(
        texts(&table),
        [
            "Ask citizens: \"what is missing?\"\nthen act",
            "After the quoted cell"
        ]
    );
    // The second row starts on line 4: the line break inside the cell counts.
    assert_eq!(lines(&table), [2, 4]);
}

#[test]
fn the_caller_chooses_the_columns_by_name() {
    let file = "Title,Idea,Votes,Cluster\nShort,Long text here,3,A\nOther,More text,1,B\n";
    let options = TableOptions {
        text_column: Some(" TITLE ".to_owned()),
        group_column: Some("cluster".to_owned()),
    };
    let table = notes_from_csv(file.as_bytes(), &options).unwrap();
    assert_eq!(texts(&table), ["Short", "Other"]);
    assert_eq!(table.groups(), ["A", "B"]);
    // By default the "Idea" column is the text, and there is no group column.
    let default = csv(file);
    assert_eq!(texts(&default), ["Long text here", "More text"]);
    assert!(default.groups().is_empty());
}

#[test]
fn no_matching_header_is_an_error_that_lists_the_headers() {
    let file = "Title;Votes;Ward\nA;1;2\n";
    let error = notes_from_csv(file.as_bytes(), &TableOptions::default()).unwrap_err();
    assert!(
        matches!(error, ImportError::NoTextColumn { line: 1, .. }),
        "{error:?}"
    );
    let message = error.to_string();
    for header in ["\"Title\"", "\"Votes\"", "\"Ward\""] {
        assert!(message.contains(header), "{message}");
    }
    let options = TableOptions {
        group_column: Some("Team".to_owned()),
        text_column: Some("Title".to_owned()),
    };
    let error = notes_from_csv(file.as_bytes(), &options).unwrap_err();
    assert!(
        error.to_string().contains("no column is called \"Team\""),
        "{error}"
    );
}

#[test]
fn colours_and_groups_make_one_frame_per_group_around_its_notes() {
    let mut file = String::from("Idea,Color,Group\n");
    for n in 0..9 {
        writeln!(file, "Transport idea {n},blue,Transport").unwrap();
    }
    file.push_str("No group at all,Orange,\n");
    file.push_str("Unknown colour,Turquoise-ish,Health\n");
    for n in 0..3 {
        writeln!(file, "Health idea {n},pink,  HEALTH ").unwrap();
    }
    let table = csv(&file);
    assert_eq!(table.groups(), ["Transport", "Health"]);
    assert_eq!(table.to_string(), "14 notes in 2 groups");
    assert_eq!(table.warnings.len(), 1, "{:?}", table.warnings);
    assert!(
        table.warnings[0].starts_with("line 12:"),
        "{:?}",
        table.warnings
    );
    assert_eq!(table.rows[10].color, PaletteColor::Yellow);

    let items = laid_out(&table);
    let (frames, notes): (Vec<&Item>, Vec<&Item>) =
        items.iter().partition(|item| item.as_frame().is_some());
    assert_eq!(items.len(), table.rows.len() + 2);
    assert!(
        items[..2].iter().all(|item| item.as_frame().is_some()),
        "frames come first"
    );
    let titles: Vec<&str> = frames.iter().map(|frame| frame.text()).collect();
    assert_eq!(titles, ["Transport", "Health"]);
    for note in &notes {
        let row = table
            .rows
            .iter()
            .find(|row| row.text == note_text(note))
            .unwrap();
        assert_eq!(note.color, row.color);
        if let Some(group) = &row.group {
            let frame = frames.iter().find(|f| Some(f.id) == note.parent).unwrap();
            assert_eq!(frame.text(), group);
            assert!(
                frame.rect().encloses(note.rect()),
                "{note:?} outside {frame:?}"
            );
            assert!(!frame.title_strip().overlaps(note.rect()));
        } else {
            assert_eq!(note.parent, None);
            assert!(frames.iter().all(|f| !f.rect().overlaps(note.rect())));
        }
    }
    for (i, a) in notes.iter().enumerate() {
        for b in &notes[i + 1..] {
            assert!(!a.rect().overlaps(b.rect()), "{a:?} overlaps {b:?}");
        }
    }
    assert!(!frames[0].rect().overlaps(frames[1].rect()));
    // Nine notes in rows of six, 24 units apart.
    let transport: Vec<&&Item> = notes
        .iter()
        .filter(|n| n.parent == Some(frames[0].id))
        .collect();
    assert_eq!(
        transport[6].pos.y - transport[0].pos.y,
        Item::NOTE_SIZE.height + 24.0
    );
    assert_eq!(
        transport[1].pos.x - transport[0].pos.x,
        Item::NOTE_SIZE.width + 24.0
    );
    assert_eq!(frames[0].pos, Point::new(100.0, 50.0));
}

#[test]
fn laid_out_items_make_a_valid_board_with_frames_below_their_notes() {
    let file = "idea,group\nA,One\nB,Two\nC,One\nD,\nE,Three\n";
    let table = csv(file);
    let mut board = Board::new("Before the workshop");
    let existing = Item::note(
        ItemId::from_raw(1),
        Point::new(0.0, 0.0),
        ZKey::middle().after().after(),
        PaletteColor::Yellow,
        "Already here",
    );
    edit::apply(
        &mut board,
        Command::AddItem(Box::new(existing)),
        Origin::Local,
    )
    .unwrap();
    let placement = Placement::on(&board, Point::new(0.0, 2000.0));
    let items = lay_out(&table, &placement, &mut IdGen::seeded(3), |id| {
        board.item(id).is_some()
    });
    assert!(items.iter().all(|item| item.z > placement.z_above));
    let frame_keys: Vec<&ZKey> = items
        .iter()
        .filter_map(|i| i.as_frame().map(|_| &i.z))
        .collect();
    let note_keys: Vec<&ZKey> = items
        .iter()
        .filter(|i| i.as_frame().is_none())
        .map(|i| &i.z)
        .collect();
    assert!(
        frame_keys.iter().max() < note_keys.iter().min(),
        "frames stack below notes"
    );
    let keys: BTreeSet<&ZKey> = items.iter().map(|item| &item.z).collect();
    assert_eq!(keys.len(), items.len(), "every key is new");
    let orders: Vec<u32> = items
        .iter()
        .filter_map(|i| i.as_frame().map(|f| f.order))
        .collect();
    assert_eq!(orders, [1, 2, 3]);

    // The items alone form a valid board: parents exist, frames enclose their notes.
    let alone = Board::from_parts("Imported", items.clone(), []).unwrap();
    for frame in alone.frames() {
        let members: Vec<&Item> = alone.members(frame.id).collect();
        assert!(!members.is_empty());
        assert!(members.iter().all(|m| frame.rect().encloses(m.rect())));
    }
    assert_eq!(alone.kind_counts().notes, 5);

    // Added to a board as one step, through the board's rules, they stay as laid out and one
    // undo takes them all away.
    let commands = items
        .iter()
        .cloned()
        .map(|item| Command::AddItem(Box::new(item)))
        .collect();
    let batch = Command::Batch {
        label: "Import notes",
        commands,
    };
    let applied = edit::apply(&mut board, batch, Origin::Local).unwrap();
    for item in &items {
        assert_eq!(board.item(item.id), Some(item));
    }
    edit::apply(&mut board, applied.inverse, Origin::Undo).unwrap();
    assert_eq!(board.items().len(), 1);
}

#[test]
fn bad_rows_are_reported_by_line_and_good_rows_kept() {
    let file = "Idea;Colour;Group\n\
                Good one;red;A\n\
                ;blue;A\n\
                Too few\n\
                Too;many;cells;here\n\
                \"Never closed;red;A\n\
                Good two;;B\n\
                ;;\n\
                Trailing empty cells are fine;green;B;;\n";
    let table = csv(file);
    assert_eq!(
        texts(&table),
        ["Good one", "Good two", "Trailing empty cells are fine"]
    );
    assert_eq!(lines(&table), [2, 7, 9]);
    assert_eq!(table.skipped_rows, 4);
    assert_eq!(table.to_string(), "3 notes in 2 groups; 4 rows skipped");
    let starts: Vec<&str> = table
        .warnings
        .iter()
        .map(|w| w.split(':').next().unwrap())
        .collect();
    assert_eq!(
        starts,
        ["line 3", "line 4", "line 5", "line 6, column 1 (\"Idea\")"]
    );
    assert!(table.warnings[0].contains("empty"), "{:?}", table.warnings);
    assert!(
        table.warnings[3].contains("never closed"),
        "{:?}",
        table.warnings
    );
}

#[test]
fn warnings_are_capped_and_the_rest_counted() {
    let mut file = String::from("idea,group\nkept,A\n");
    for _ in 0..1000 {
        file.push_str(",A\n");
    }
    let table = csv(&file);
    assert_eq!(table.rows.len(), 1);
    assert_eq!(table.skipped_rows, 1000);
    assert_eq!(table.warnings.len(), MAX_WARNINGS + 1);
    assert!(
        table.warnings[MAX_WARNINGS].contains("900 more"),
        "{:?}",
        table.warnings
    );
    let none = notes_from_csv(b"idea,group\n\"\",A\n , \n", &TableOptions::default()).unwrap_err();
    assert!(
        matches!(
            none,
            ImportError::NoNotes {
                skipped_rows: 1,
                ..
            }
        ),
        "{none:?}"
    );
}

#[test]
fn a_text_file_makes_one_note_per_line_that_is_not_blank() {
    let table =
        notes_from_text("Idea one\r\n\r\n   \n  Idea two  \r\nІдея три\n".as_bytes()).unwrap();
    assert_eq!(texts(&table), ["Idea one", "Idea two", "Ідея три"]);
    assert_eq!(lines(&table), [1, 4, 5]);
    let items = laid_out(&table);
    assert_eq!(items.len(), 3);
    assert!(
        items
            .iter()
            .all(|item| item.parent.is_none() && item.size == Item::NOTE_SIZE)
    );
    assert_eq!(notes_from_text(b" \n\r\n").unwrap_err(), ImportError::Empty);
}

#[test]
fn a_huge_single_line_is_one_note_cut_to_size() {
    let line = "ë".repeat(10_000_000);
    let table = notes_from_text(line.as_bytes()).unwrap();
    assert_eq!(table.rows.len(), 1);
    assert_eq!(table.rows[0].text.chars().count(), MAX_NOTE_CHARS);
    assert!(
        table.warnings[0].starts_with("line 1:"),
        "{:?}",
        table.warnings
    );

    let cell = format!("idea,group\n\"{line}\",A\n");
    let table = csv(&cell);
    assert_eq!(table.rows[0].text.chars().count(), MAX_NOTE_CHARS);
    assert!(
        table.warnings[0].starts_with("line 2:"),
        "{:?}",
        table.warnings
    );

    // A header that is one huge line has no text column; the message stays short.
    let header = "x,".repeat(5_000_000);
    let error = notes_from_csv(header.as_bytes(), &TableOptions::default()).unwrap_err();
    assert!(
        matches!(error, ImportError::TooManyColumns { .. }),
        "{error:?}"
    );
    assert!(error.to_string().len() < 200);
}

#[test]
fn a_million_rows_are_refused_at_the_limit() {
    let mut file = String::from("idea\n");
    for n in 0..1_000_000 {
        writeln!(file, "Idea number {n}").unwrap();
    }
    let error = notes_from_csv(file.as_bytes(), &TableOptions::default()).unwrap_err();
    assert_eq!(
        error,
        ImportError::TooManyNotes {
            line: MAX_NOTES + 2
        }
    );
    assert!(
        error.to_string().contains("more than 10000 notes"),
        "{error}"
    );
    let text = file.strip_prefix("idea\n").unwrap();
    let error = notes_from_text(text.as_bytes()).unwrap_err();
    assert_eq!(
        error,
        ImportError::TooManyNotes {
            line: MAX_NOTES + 1
        }
    );

    // Exactly the limit is fine, and lays out within the board's limits.
    let at_limit = text.lines().take(MAX_NOTES).collect::<Vec<_>>().join("\n");
    let table = notes_from_text(at_limit.as_bytes()).unwrap();
    let far = Placement {
        at: Point::new(MAX_COORDINATE, f32::NAN),
        ..Placement::on(&Board::new("Big"), Point::default())
    };
    let items = lay_out(&table, &far, &mut IdGen::seeded(1), |_| false);
    assert_eq!(items.len(), MAX_NOTES);
    assert!(items.iter().all(|item| item.pos.off_board().is_none()));
    assert!(items.iter().all(|item| item.z.as_str().len() <= 8));
}

#[test]
fn text_that_is_not_utf8_is_refused_with_its_line_and_column() {
    // "Café" saved as Windows-1252.
    let error =
        notes_from_csv(b"Idea\nBus\nCaf\xE9 ideas\n", &TableOptions::default()).unwrap_err();
    assert_eq!(error, ImportError::NotUtf8 { line: 3, column: 4 });
    assert!(error.to_string().contains("CSV UTF-8"), "{error}");
    let error = notes_from_text(b"\xFF\xFEa").unwrap_err();
    assert!(matches!(error, ImportError::BadUtf16 { .. }), "{error:?}");
    let error = notes_from_text(b"ok\n\x80").unwrap_err();
    assert_eq!(error, ImportError::NotUtf8 { line: 2, column: 1 });
}

#[test]
fn an_unterminated_quote_at_the_end_keeps_the_rows_before_it() {
    let table = csv("idea,group\nFirst,A\nSecond,B\n\"Third, never closed,C");
    assert_eq!(texts(&table), ["First", "Second"]);
    assert_eq!(table.warnings.len(), 1);
    assert!(
        table.warnings[0].starts_with("line 4, column 1"),
        "{:?}",
        table.warnings
    );

    // In the header, it is an error.
    let error = notes_from_csv(b"idea,\"group\n", &TableOptions::default()).unwrap_err();
    assert_eq!(error, ImportError::UnclosedHeader { line: 1, column: 2 });
    // Reading goes on after the line of a quote never closed, even when everything after it
    // could be inside it; the quotes there are all doubled, so this happens only once.
    let file = format!("idea\n\"open\n{}last\n", "\"\"\n".repeat(200_000));
    let table = csv(&file);
    assert_eq!(texts(&table), ["last"]);
    assert_eq!(table.warnings.len(), 1, "{:?}", table.warnings);
    assert!(
        table.warnings[0].starts_with("line 2, "),
        "{:?}",
        table.warnings
    );
}

#[test]
fn empty_and_oversized_files_are_refused() {
    assert_eq!(
        notes_from_csv(b"\xEF\xBB\xBF \r\n\n", &TableOptions::default()).unwrap_err(),
        ImportError::Empty
    );
    let error = notes_from_csv(b"idea\n", &TableOptions::default()).unwrap_err();
    assert!(error.to_string().contains("no notes"), "{error}");
}

#[test]
fn mangled_spreadsheets_never_panic_and_always_lay_out_a_valid_board() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/table/survey_semicolon.csv");
    let original = std::fs::read(path).unwrap();
    let special = b"\",;\t\r\n \xEF\xBB\xBF\xFF\xFEsep=ab";
    let mut rng = Rng(0x7ab1_e5ee_d202_6001);
    let (mut read, mut refused) = (0, 0);
    for round in 0..3000 {
        let mut bytes = original.clone();
        for _ in 0..=rng.below(6) {
            let at = rng.below(bytes.len() + 1);
            match rng.below(3) {
                0 => bytes.insert(at, special[rng.below(special.len())]),
                1 if at < bytes.len() => {
                    bytes.remove(at);
                }
                _ => bytes.truncate(at),
            }
        }
        let options = TableOptions::default();
        for result in [notes_from_csv(&bytes, &options), notes_from_text(&bytes)] {
            match result {
                Ok(table) => {
                    read += 1;
                    assert!(!table.rows.is_empty(), "round {round}");
                    let line_count = bytes.len() + 1;
                    assert!(table.rows.iter().all(|row| row.line <= line_count));
                    let items = laid_out(&table);
                    assert_eq!(
                        items.iter().filter(|i| i.as_frame().is_none()).count(),
                        table.rows.len()
                    );
                    let board = Board::from_parts("Mangled", items, []).unwrap();
                    for frame in board.frames() {
                        assert!(
                            board
                                .members(frame.id)
                                .all(|note| frame.rect().encloses(note.rect())),
                            "round {round}"
                        );
                    }
                }
                Err(error) => {
                    refused += 1;
                    assert!(!error.to_string().is_empty(), "round {round}");
                }
            }
        }
    }
    assert!(
        read > 1000 && refused > 100,
        "read {read}, refused {refused}"
    );
}
