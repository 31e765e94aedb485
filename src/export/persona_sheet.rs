//! A persona sheet: one page with the persona's card as the board shows it, and beside it every
//! field and list entry with its mark (assumption, or evidence with its source) and how much of it
//! comes from research.

use egui::{Color32, RichText, vec2};

use super::picture::{PictureError, Region, sub_board, svg_of_picture};
use crate::edit::PersonaField;
use crate::model::{Basis, Board, Entry, EntryList, ItemId, ItemKind, Persona};
use crate::ui::canvas::picture::paint_page;
use crate::ui::theme;

/// The page, in points: the proportions of A-series paper, landscape.
const PAGE: egui::Vec2 = vec2(1400.0, 990.0);
/// Room round the page's contents.
const PAGE_MARGIN: f32 = 48.0;
/// The size of the list's text: on A4 about 10 points, read on paper and on a laptop.
const TEXT_SIZE: f32 = 17.0;
/// The width of the card's column.
const CARD_COLUMN: f32 = 560.0;

/// One line of the list beside the card.
enum Line {
    /// A list's name ("Goals").
    Heading(&'static str),
    /// A field with its value, or a list entry (no label).
    Entry { label: String, entry: Entry },
    /// Plain text (digital skills, channels).
    Plain { label: &'static str, text: String },
}

/// The SVG document of the sheet of persona `id`.
pub fn svg(board: &Board, id: ItemId) -> Result<String, PictureError> {
    let Some((item, persona)) = board.item(id).and_then(|item| match &item.kind {
        ItemKind::Persona(persona) => Some((item, persona.as_ref())),
        _ => None,
    }) else {
        return Err(PictureError::Empty(
            "that persona card is no longer on the board",
        ));
    };
    let lines = lines_of(item, persona);
    let (part, area) = sub_board(board, &Region::Items(vec![id]))?;
    let card_place = egui::Rect::from_min_size(
        egui::pos2(PAGE_MARGIN, PAGE_MARGIN),
        vec2(CARD_COLUMN - PAGE_MARGIN, PAGE.y - 2.0 * PAGE_MARGIN),
    );
    let list_place = egui::Rect::from_min_max(
        egui::pos2(CARD_COLUMN + PAGE_MARGIN / 2.0, PAGE_MARGIN),
        egui::pos2(PAGE.x - PAGE_MARGIN, PAGE.y - PAGE_MARGIN),
    );
    let (evidence, filled) = persona.evidence();
    let picture = paint_page(&part, PAGE, (card_place, area), |ui| {
        ui.scope_builder(egui::UiBuilder::new().max_rect(list_place), |ui| {
            list(ui, persona, &lines, (evidence, filled));
        });
    });
    Ok(svg_of_picture(&part, &picture, Some(Color32::WHITE)))
}

/// The persona's name, how much comes from research, then every line.
fn list(ui: &mut egui::Ui, persona: &Persona, lines: &[Line], (evidence, filled): (usize, usize)) {
    let name = if persona.name.trim().is_empty() {
        "Unnamed persona"
    } else {
        persona.name.as_str()
    };
    ui.label(
        RichText::new(name)
            .size(32.0)
            .family(egui::FontFamily::Name(theme::BOLD.into())),
    );
    let research = if filled == 0 {
        "Nothing filled in yet".to_owned()
    } else {
        format!("{evidence} of {filled} filled fields and entries from research")
    };
    ui.label(
        RichText::new(research)
            .size(TEXT_SIZE)
            .color(theme::MAP_TAG_TEXT),
    );
    ui.add_space(10.0);
    for line in lines {
        match line {
            Line::Heading(name) => {
                ui.add_space(6.0);
                ui.label(
                    RichText::new(*name)
                        .size(19.0)
                        .family(egui::FontFamily::Name(theme::BOLD.into())),
                );
            }
            Line::Entry { label, entry } => entry_line(ui, label, entry),
            Line::Plain { label, text } => {
                ui.horizontal_wrapped(|ui| {
                    ui.label(bold_label(label));
                    ui.label(RichText::new(text).size(TEXT_SIZE));
                });
            }
        }
    }
}

fn bold_label(label: &str) -> RichText {
    RichText::new(format!("{label}:"))
        .size(TEXT_SIZE)
        .family(egui::FontFamily::Name(theme::BOLD.into()))
}

/// A field or list entry with its mark, wrapped to the column.
fn entry_line(ui: &mut egui::Ui, label: &str, entry: &Entry) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 5.0;
        if label.is_empty() {
            ui.label(RichText::new("•").size(TEXT_SIZE));
        } else {
            ui.label(bold_label(label));
        }
        ui.label(RichText::new(&entry.text).size(TEXT_SIZE));
        match &entry.basis {
            Basis::Unmarked => {}
            Basis::Assumption => {
                ui.label(
                    RichText::new("(assumption)")
                        .size(TEXT_SIZE - 1.5)
                        .color(theme::ASSUMPTION_TEXT),
                );
            }
            Basis::Evidence(source) => {
                let mark = if source.trim().is_empty() {
                    "(evidence)".to_owned()
                } else {
                    format!("(evidence: {})", source.trim())
                };
                ui.label(
                    RichText::new(mark)
                        .size(TEXT_SIZE - 1.5)
                        .color(theme::EVIDENCE),
                );
            }
        }
    });
}

/// Every filled field and list entry of a persona, in the card's order.
fn lines_of(item: &crate::model::Item, persona: &Persona) -> Vec<Line> {
    let mut lines = Vec::new();
    for field in PersonaField::ALL {
        let entry = field.of(persona);
        if !entry.is_empty() {
            lines.push(Line::Entry {
                label: field.name().to_owned(),
                entry: entry.clone(),
            });
        }
    }
    if let Some(skills) = persona.digital_skills {
        lines.push(Line::Plain {
            label: "Digital skills",
            text: format!("{skills} of 5"),
        });
    }
    if !persona.channels.is_empty() {
        let channels: Vec<&str> = persona.channels.iter().map(|c| c.name()).collect();
        lines.push(Line::Plain {
            label: "Channels",
            text: channels.join(", "),
        });
    }
    for custom in &persona.custom {
        if !custom.value.is_empty() || !custom.label.trim().is_empty() {
            lines.push(Line::Entry {
                label: custom.label.trim().to_owned(),
                entry: custom.value.clone(),
            });
        }
    }
    for list in EntryList::PERSONA {
        let entries = item.kind.entries(list);
        if !entries.is_empty() {
            lines.push(Line::Heading(list.name()));
            lines.extend(entries.iter().map(|entry| Line::Entry {
                label: String::new(),
                entry: entry.clone(),
            }));
        }
    }
    lines
}
