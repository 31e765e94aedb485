//! The README's keyboard shortcut table is the app's own table.
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
