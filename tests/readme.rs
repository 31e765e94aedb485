//! The README says what the app does: its shortcut table is the app's own table, and its
//! examples print what the app prints.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use civic_canvas::ui::shortcuts::markdown_table;

#[test]
fn readme_lists_exactly_the_shortcuts_the_app_uses() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = "<!-- shortcuts:start -->\n";
    let end = "<!-- shortcuts:end -->";
    let from = readme.find(start).expect("README has a shortcuts section") + start.len();
    let to = readme[from..].find(end).expect("the section is closed") + from;
    let expected = markdown_table();
    assert_eq!(
        &readme[from..to],
        expected,
        "update the README's shortcut table to:\n{expected}"
    );
}

#[test]
fn readme_check_example_is_what_check_prints() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let shown = readme
        .lines()
        .find(|line| line.starts_with("saved_boards/kickoff.ron: "))
        .expect("the README shows `check` on the example board");
    let mut printed = Vec::new();
    let board = format!("{root}/saved_boards/kickoff.ron");
    civic_canvas::cli::check(&[board.into()], &mut printed).unwrap();
    let printed = String::from_utf8(printed).unwrap();
    assert_eq!(printed.trim_end().replace(&format!("{root}/"), ""), shown);
}
