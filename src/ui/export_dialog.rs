//! File → Export picture or handout…: what to export (PNG, SVG or a PDF handout), of which part
//! of the board, how large, before the file dialog asks where.

use egui::Ui;

use super::dialogs::{Choice, choice_row};
use super::file_dialog::ExportKind;
use crate::export::picture::{Background, Pages};
use crate::export::raster::Paper;
use crate::model::ItemId;

/// Which part of the board a picture shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Area {
    /// Every item.
    #[default]
    Board,
    /// The selected items.
    Selection,
    /// One frame.
    Frame(ItemId),
}

/// What the export dialog has chosen so far (kept for the next export).
#[derive(Clone, Debug, PartialEq)]
pub struct PictureExport {
    /// PNG, SVG or PDF.
    pub kind: ExportKind,
    /// The part of the board (PNG and SVG).
    pub area: Area,
    /// PNG pixels per board unit, 1 to 4.
    pub scale: f32,
    /// White or transparent (PNG and SVG).
    pub background: Background,
    /// The handout's pages (PDF).
    pub pages: Pages,
    /// The handout's paper (PDF).
    pub paper: Paper,
}

impl Default for PictureExport {
    fn default() -> Self {
        Self {
            kind: ExportKind::Png,
            area: Area::Board,
            scale: 2.0,
            background: Background::White,
            pages: Pages::Frames,
            paper: Paper::A4,
        }
    }
}

/// The dialog: `frames` are the board's frames (id and numbered title) in presenting order,
/// `selected` how many items are selected.
pub fn show(
    ui: &mut Ui,
    export: &mut PictureExport,
    frames: &[(ItemId, String)],
    selected: usize,
) -> Option<Choice> {
    ui.heading("Export picture or handout");
    ui.add_space(4.0);
    egui::Grid::new("export_picture")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            ui.label("Format");
            ui.horizontal(|ui| {
                for (kind, name, tip) in [
                    (ExportKind::Png, "PNG", "A picture for e-mail and slides"),
                    (
                        ExportKind::Svg,
                        "SVG",
                        "A picture that stays sharp at any size, with real text",
                    ),
                    (
                        ExportKind::Pdf,
                        "PDF handout",
                        "A title page, then pages of frames, the board or personas",
                    ),
                ] {
                    ui.selectable_value(&mut export.kind, kind, name)
                        .on_hover_text(tip);
                }
            });
            ui.end_row();
            if export.kind == ExportKind::Pdf {
                handout_rows(ui, export);
            } else {
                picture_rows(ui, export, frames, selected);
            }
        });
    ui.add_space(8.0);
    choice_row(
        ui,
        0,
        [
            ("Export…", "Choose where to write it", Choice::ExportPicture),
            ("Cancel", "Escape", Choice::Close),
        ],
    )
}

/// Area, scale and background of a PNG or SVG.
fn picture_rows(
    ui: &mut Ui,
    export: &mut PictureExport,
    frames: &[(ItemId, String)],
    selected: usize,
) {
    let area_label = ui.label("Area");
    let shown = match export.area {
        Area::Board => "The whole board".to_owned(),
        Area::Selection => selection_name(selected),
        Area::Frame(id) => frames
            .iter()
            .find(|(frame, _)| *frame == id)
            .map_or_else(|| "A frame".to_owned(), |(_, title)| title.clone()),
    };
    egui::ComboBox::from_id_salt("export_area")
        .selected_text(shown)
        .width(320.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut export.area, Area::Board, "The whole board");
            if selected > 0 {
                ui.selectable_value(&mut export.area, Area::Selection, selection_name(selected));
            }
            for (id, title) in frames {
                ui.selectable_value(&mut export.area, Area::Frame(*id), title.as_str());
            }
        })
        .response
        .labelled_by(area_label.id)
        .on_hover_text("What the picture shows");
    ui.end_row();
    if export.kind == ExportKind::Png {
        ui.label("Size");
        ui.horizontal(|ui| {
            for scale in [1.0, 2.0, 3.0, 4.0] {
                ui.selectable_value(&mut export.scale, scale, format!("{scale}×"))
                    .on_hover_text(format!("{scale} pixels per point of the board at 100%"));
            }
        });
        ui.end_row();
    }
    ui.label("Background");
    ui.horizontal(|ui| {
        ui.selectable_value(&mut export.background, Background::White, "White");
        ui.selectable_value(
            &mut export.background,
            Background::Transparent,
            "Transparent",
        );
    });
    ui.end_row();
}

/// "The selection (3 items)".
fn selection_name(selected: usize) -> String {
    if selected == 1 {
        "The selection (1 item)".to_owned()
    } else {
        format!("The selection ({selected} items)")
    }
}

/// Pages and paper of a PDF handout.
fn handout_rows(ui: &mut Ui, export: &mut PictureExport) {
    ui.label("Pages");
    ui.vertical(|ui| {
        ui.radio_value(
            &mut export.pages,
            Pages::Frames,
            "One page per frame, in presenting order",
        );
        ui.radio_value(
            &mut export.pages,
            Pages::Board,
            "The whole board on one page",
        );
        ui.radio_value(
            &mut export.pages,
            Pages::Personas,
            "One page per persona, with all its fields",
        );
    });
    ui.end_row();
    ui.label("Paper");
    ui.horizontal(|ui| {
        ui.selectable_value(&mut export.paper, Paper::A4, "A4 landscape");
        ui.selectable_value(&mut export.paper, Paper::A3, "A3 landscape");
    });
    ui.end_row();
}
