//! Every colour, size and font the app uses, in one place.
//!
//! The look is tuned for a facilitator sharing their screen in a video call: a light, calm canvas,
//! large text, strong contrast (text on every note colour meets WCAG AA, 4.5:1) and a selection
//! outline that survives video compression.

use std::sync::Arc;

use egui::{Color32, FontData, FontDefinitions, FontFamily, FontId, TextStyle};

use crate::model::PaletteColor;

/// Text colour on notes: near-black, readable on every palette colour.
pub const NOTE_TEXT: Color32 = Color32::from_rgb(0x1a, 0x1a, 0x1a);
/// The canvas background: a warm off-white that is easy on the eyes.
pub const CANVAS_BACKGROUND: Color32 = Color32::from_rgb(0xf4, 0xf3, 0xef);
/// The dots of the background grid.
pub const GRID_DOT: Color32 = Color32::from_rgb(0xc9, 0xc6, 0xbd);
/// The outline of selected items and handles.
pub const SELECTION: Color32 = Color32::from_rgb(0x1a, 0x5f, 0xd0);
/// The inside of the selection rectangle dragged on the canvas.
pub const MARQUEE_FILL: Color32 =
    Color32::from_rgba_premultiplied(0x1a / 6, 0x5f / 6, 0xd0 / 6, 0x2a);
/// The outline of items that match the search.
pub const SEARCH_HIGHLIGHT: Color32 = Color32::from_rgb(0xe0, 0x7b, 0x00);
/// The minimap's background (slightly see-through so the canvas shows it is an overlay).
pub const MINIMAP_BACKGROUND: Color32 = Color32::from_rgba_premultiplied(250, 250, 248, 235);
/// The minimap's border.
pub const MINIMAP_BORDER: Color32 = Color32::from_rgb(0x9a, 0x97, 0x90);
/// A soft shadow under items.
pub const ITEM_SHADOW: Color32 = Color32::from_rgba_premultiplied(0, 0, 0, 28);
/// The badge that says a note holds more text than it shows.
pub const OVERFLOW_BADGE: Color32 = Color32::from_rgb(0x3d, 0x3d, 0x3d);

/// Connector lines and arrow heads.
pub const CONNECTOR: Color32 = Color32::from_rgb(0x4a, 0x4a, 0x4a);
/// Connector label size in board units.
pub const CONNECTOR_FONT_SIZE: f32 = 18.0;

/// Note text size in board units (at 100% zoom, in screen pixels).
pub const NOTE_FONT_SIZE: f32 = 18.0;
/// Space between a note's edge and its text, in board units.
pub const NOTE_PADDING: f32 = 14.0;
/// Corner radius of notes, in board units.
pub const NOTE_CORNER_RADIUS: f32 = 4.0;
/// Distance between grid dots, in board units.
pub const GRID_SPACING: f32 = 40.0;
/// Width of the selection outline, in screen pixels.
pub const SELECTION_STROKE_WIDTH: f32 = 3.0;
/// Side of the resize handle, in screen pixels.
pub const RESIZE_HANDLE_SIZE: f32 = 14.0;
/// Text smaller than this on screen (pixels) is not drawn at all.
pub const MIN_READABLE_TEXT_PX: f32 = 4.0;
/// The inspector panel's width until the user drags its edge, in screen points.
pub const INSPECTOR_WIDTH: f32 = 380.0;
/// The narrowest the inspector panel can be dragged; narrower hides it.
pub const INSPECTOR_MIN_WIDTH: f32 = 280.0;
/// The widest the inspector panel can be dragged.
pub const INSPECTOR_MAX_WIDTH: f32 = 640.0;
/// The width of the strip a hidden inspector leaves, with its button to show it again.
pub const INSPECTOR_STRIP_WIDTH: f32 = 40.0;

/// The fill of an item with this palette colour.
pub const fn fill(color: PaletteColor) -> Color32 {
    match color {
        PaletteColor::Yellow => Color32::from_rgb(0xff, 0xe9, 0x7a),
        PaletteColor::Orange => Color32::from_rgb(0xff, 0xc4, 0x8a),
        PaletteColor::Red => Color32::from_rgb(0xff, 0xa3, 0xa3),
        PaletteColor::Pink => Color32::from_rgb(0xff, 0xbc, 0xe0),
        PaletteColor::Purple => Color32::from_rgb(0xd9, 0xc6, 0xff),
        PaletteColor::Blue => Color32::from_rgb(0xa9, 0xd4, 0xff),
        PaletteColor::Teal => Color32::from_rgb(0x95, 0xe3, 0xd8),
        PaletteColor::Green => Color32::from_rgb(0xbb, 0xe9, 0x98),
        PaletteColor::Grey => Color32::from_rgb(0xdc, 0xdd, 0xe0),
        PaletteColor::White => Color32::from_rgb(0xff, 0xff, 0xff),
    }
}

/// A thin border around an item with this colour (so white notes stand out on the canvas).
pub fn border(color: PaletteColor) -> Color32 {
    let [r, g, b, _] = fill(color).to_array();
    let darken = |c: u8| (f32::from(c) * 0.78) as u8;
    Color32::from_rgb(darken(r), darken(g), darken(b))
}

/// A stronger border for map nodes, whose outline carries their type.
pub fn border_strong(color: PaletteColor) -> Color32 {
    let [r, g, b, _] = fill(color).to_array();
    let darken = |c: u8| (f32::from(c) * 0.45) as u8;
    Color32::from_rgb(darken(r), darken(g), darken(b))
}

/// The small type tag on map nodes and names on backdrops (dark grey, AA on every fill).
pub const MAP_TAG_TEXT: Color32 = Color32::from_rgb(0x3a, 0x3a, 0x3a);
/// The title strip of backdrops.
pub const BACKDROP_HEADER: Color32 = Color32::from_rgb(0x4a, 0x55, 0x68);
/// Alternate fills of stakeholder rings and grid quadrants.
pub const RING_FILL_EVEN: Color32 = Color32::from_rgb(0xe8, 0xee, 0xf6);
/// See [`RING_FILL_EVEN`].
pub const RING_FILL_ODD: Color32 = Color32::from_rgb(0xf7, 0xf9, 0xfc);
/// The badge of a + (same direction) link in a system map.
pub const POLARITY_POSITIVE: Color32 = Color32::from_rgb(0x1b, 0x6e, 0x35);
/// The badge of a − (opposite direction) link in a system map.
pub const POLARITY_NEGATIVE: Color32 = Color32::from_rgb(0xb0, 0x24, 0x1c);
/// The mark of a persona entry that is an assumption.
pub const ASSUMPTION: Color32 = Color32::from_rgb(0xe0, 0x7b, 0x00);
/// The word "assumption" after a persona entry (darker than the mark, for AA contrast on white).
pub const ASSUMPTION_TEXT: Color32 = Color32::from_rgb(0x9a, 0x4f, 0x00);
/// The mark of a persona entry backed by evidence.
pub const EVIDENCE: Color32 = Color32::from_rgb(0x1b, 0x6e, 0x35);
/// The marker of a reinforcing feedback loop (R).
pub const LOOP_REINFORCING: Color32 = Color32::from_rgb(0x0b, 0x5c, 0x8e);
/// The marker of a balancing feedback loop (B).
pub const LOOP_BALANCING: Color32 = Color32::from_rgb(0x6a, 0x2c, 0x91);
/// Lines between rings, sectors and quadrants.
pub const RING_LINE: Color32 = Color32::from_rgb(0x9f, 0xae, 0xc2);
/// The paper a persona's drawn portrait is on, in the card's avatar circle and while drawing.
pub const PORTRAIT_PAPER: Color32 = Color32::from_rgb(0xff, 0xfd, 0xf8);
/// The ink of a persona's drawn portrait: dark on the paper, for contrast in a video call.
pub const PORTRAIT_INK: Color32 = NOTE_TEXT;
/// The portrait dialog's hint, circle and edge: grey on the paper, readable (AA) but quieter
/// than the ink.
pub const PORTRAIT_HINT: Color32 = Color32::from_rgb(0x6b, 0x68, 0x60);
/// The shade over the corners of the portrait dialog's square, which the card does not show.
pub const PORTRAIT_OUTSIDE: Color32 = Color32::from_rgba_premultiplied(0, 0, 0, 46);

/// The font of note text at a given on-screen size.
pub fn note_font(size_px: f32) -> FontId {
    FontId::proportional(size_px)
}

/// The name of the bold font family (titles, headings).
pub const BOLD: &str = "bold";

/// Bundles the Noto fonts so Latin (ë, ç, ș, ț, č, ć, đ), Cyrillic (ђ, ћ, џ, ѓ, ќ, ѕ, і, ї, є, ґ)
/// and Georgian all render; egui's own fonts (with its monochrome emoji fonts) stay as fallbacks
/// for emoji and symbols.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    let faces: [(&str, &'static [u8]); 4] = [
        (
            "noto_sans",
            include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
        ),
        (
            "noto_sans_bold",
            include_bytes!("../../assets/fonts/NotoSans-Bold.ttf"),
        ),
        (
            "noto_sans_georgian",
            include_bytes!("../../assets/fonts/NotoSansGeorgian-Regular.ttf"),
        ),
        (
            "noto_sans_georgian_bold",
            include_bytes!("../../assets/fonts/NotoSansGeorgian-Bold.ttf"),
        ),
    ];
    for (name, bytes) in faces {
        fonts
            .font_data
            .insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
    }
    let fallbacks = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let with_noto = |first: &str, georgian: &str| {
        let mut list = vec![first.to_owned(), georgian.to_owned()];
        list.extend(fallbacks.iter().cloned());
        list
    };
    fonts.families.insert(
        FontFamily::Proportional,
        with_noto("noto_sans", "noto_sans_georgian"),
    );
    fonts.families.insert(
        FontFamily::Name(BOLD.into()),
        with_noto("noto_sans_bold", "noto_sans_georgian_bold"),
    );
    if let Some(mono) = fonts.families.get_mut(&FontFamily::Monospace) {
        mono.push("noto_sans".to_owned());
        mono.push("noto_sans_georgian".to_owned());
    }
    ctx.set_fonts(fonts);
}

/// Light theme with large, high-contrast text for screen sharing.
pub fn apply_style(ctx: &egui::Context) {
    ctx.set_theme(egui::Theme::Light);
    ctx.style_mut_of(egui::Theme::Light, |style| {
        style.text_styles = [
            (TextStyle::Small, FontId::proportional(13.0)),
            (TextStyle::Body, FontId::proportional(16.0)),
            (TextStyle::Button, FontId::proportional(16.0)),
            (TextStyle::Monospace, FontId::monospace(15.0)),
            (
                TextStyle::Heading,
                FontId::new(22.0, FontFamily::Name(BOLD.into())),
            ),
        ]
        .into();
        style.spacing.button_padding = egui::vec2(10.0, 5.0);
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.interact_size.y = 28.0;
        style.visuals.selection.bg_fill = Color32::from_rgb(0xb9, 0xd3, 0xfb);
        style.visuals.selection.stroke.color = SELECTION;
        style.visuals.widgets.noninteractive.fg_stroke.color = Color32::from_rgb(0x22, 0x22, 0x22);
        style.visuals.widgets.inactive.fg_stroke.color = Color32::from_rgb(0x1f, 0x1f, 0x1f);
    });
    // The canvas owns Ctrl+0 / Ctrl+plus / Ctrl+minus; the UI itself keeps its size.
    ctx.options_mut(|options| options.zoom_with_keyboard = false);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2.x relative luminance of an sRGB colour.
    fn relative_luminance(color: Color32) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b, _] = color.to_array();
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    fn contrast_ratio(a: Color32, b: Color32) -> f64 {
        let (la, lb) = (relative_luminance(a), relative_luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn contrast_formula_matches_known_values() {
        let ratio = contrast_ratio(Color32::BLACK, Color32::WHITE);
        assert!((ratio - 21.0).abs() < 1e-9, "{ratio}");
        let grey = contrast_ratio(Color32::from_rgb(0x76, 0x76, 0x76), Color32::WHITE);
        assert!((grey - 4.54).abs() < 0.01, "{grey}");
    }

    #[test]
    fn note_text_meets_wcag_aa_on_every_palette_colour() {
        for color in PaletteColor::ALL {
            let ratio = contrast_ratio(NOTE_TEXT, fill(color));
            assert!(ratio >= 4.5, "{color:?}: contrast {ratio:.2} is below 4.5");
        }
    }

    #[test]
    fn palette_colours_are_distinct() {
        for (i, a) in PaletteColor::ALL.iter().enumerate() {
            for b in PaletteColor::ALL.iter().skip(i + 1) {
                assert_ne!(fill(*a), fill(*b), "{a:?} and {b:?} look the same");
            }
        }
    }
}
