//! Strokes: lines drawn by hand with the pen or the highlighter, kept as board items.
//!
//! A stroke is an item like a note: it has an id, a place, a size, a z key and a palette colour
//! (its ink). What it adds is the points the pen went through, *relative to the item's top-left
//! corner*, and the size of the box they were drawn in ([`Stroke::drawn`]). Moving the item moves
//! the points with it; resizing it scales them by the item's size over the drawn size, so a
//! stroke behaves like any other item under the board's rules. How a stroke looks and which
//! clicks land on it is the geometry of [`super::sketch`].

use serde::{Deserialize, Serialize};

use super::sketch::{self, Outline, Pen, Sample};
use super::{Point, Rect, Size};

/// What a stroke was drawn with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StrokeTool {
    /// The pen: a thin line, thinner where drawn fast or pressed lightly.
    Pen,
    /// The highlighter: a wide, translucent line of constant width, drawn under notes' text.
    Highlighter,
}

impl StrokeTool {
    /// How this tool draws, in board units.
    pub fn pen(self) -> Pen {
        match self {
            Self::Pen => Pen::BOARD_PEN,
            Self::Highlighter => Pen::HIGHLIGHTER,
        }
    }

    /// What this tool's strokes are called in messages ("pen stroke", "highlighter stroke").
    pub fn stroke_name(self) -> &'static str {
        match self {
            Self::Pen => "pen stroke",
            Self::Highlighter => "highlighter stroke",
        }
    }
}

/// One point of a stroke, relative to its item's top-left corner, in board units.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct StrokePoint {
    /// Rightwards from the item's left edge.
    pub x: f32,
    /// Downwards from the item's top edge.
    pub y: f32,
    /// How hard the pen pressed, 0 to 1; `None` where the device reports no pressure.
    pub pressure: Option<f32>,
}

impl StrokePoint {
    /// A point with its position rounded to a tenth of a unit and its pressure to a
    /// hundredth, as files keep them (so a saved stroke loads back equal).
    pub fn rounded(x: f32, y: f32, pressure: Option<f32>) -> Self {
        Self {
            x: round_to(x, 10.0),
            y: round_to(y, 10.0),
            pressure: pressure.map(|p| round_to(p, 100.0)),
        }
    }
}

/// `value` as RON writes a float: its shortest exact form, with `.0` when it is whole.
pub fn number(value: f32) -> String {
    if value.is_finite() && value.fract() == 0.0 {
        format!("{value:.1}")
    } else {
        format!("{value}")
    }
}

/// `value` rounded to `1 / per_unit`, never negative zero.
fn round_to(value: f32, per_unit: f32) -> f32 {
    (value * per_unit).round() / per_unit + 0.0
}

/// A line drawn by hand: the tool and the points, relative to the item's top-left corner.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stroke {
    /// What it was drawn with.
    pub tool: StrokeTool,
    /// The size of the box the points were drawn in. When the item has another size (it was
    /// resized), the points are scaled by the item's size over this one.
    pub drawn: Size,
    /// The points the pen went through, in order, relative to the item's top-left corner.
    pub points: Vec<StrokePoint>,
}

impl Stroke {
    /// The stroke's samples placed in `rect` (the item's rectangle, on the board or on screen):
    /// each point scaled by `rect`'s size over [`Stroke::drawn`] and moved to `rect`'s corner.
    pub fn samples_in(&self, rect: Rect) -> Vec<Sample> {
        self.points.iter().map(self.placer(rect)).collect()
    }

    /// What places a point of this stroke in `rect` (see [`Stroke::samples_in`]).
    fn placer(&self, rect: Rect) -> impl Fn(&StrokePoint) -> Sample {
        let scale = |to: f32, from: f32| if from > 0.0 { to / from } else { 1.0 };
        let size = rect.size();
        let (sx, sy) = (
            scale(size.width, self.drawn.width),
            scale(size.height, self.drawn.height),
        );
        move |point| Sample::new(rect.min.offset(point.x * sx, point.y * sy), point.pressure)
    }

    /// The points as one flat list, three numbers per point: `x` and `y` rounded to a tenth of
    /// a unit and the pressure to a hundredth, or [`Stroke::NO_PRESSURE`] where there is none.
    /// Files and live sessions keep strokes in this compact form.
    pub fn flat_numbers(&self) -> Vec<f32> {
        self.points
            .iter()
            .flat_map(|point| {
                let point = StrokePoint::rounded(point.x, point.y, point.pressure);
                [
                    point.x,
                    point.y,
                    point.pressure.unwrap_or(Self::NO_PRESSURE),
                ]
            })
            .collect()
    }

    /// The points a flat list of numbers (as [`Stroke::flat_numbers`] makes) stands for,
    /// rounded as files keep them, a negative pressure being none; `None` when the list does not
    /// hold three numbers per point. A value that is not finite is kept, for the caller's
    /// checks to refuse.
    pub fn points_from_flat(numbers: &[f32]) -> Option<Vec<StrokePoint>> {
        if !numbers.len().is_multiple_of(3) {
            return None;
        }
        let points = numbers.chunks_exact(3).filter_map(|point| match *point {
            [x, y, pressure] => Some(StrokePoint::rounded(
                x,
                y,
                (pressure >= 0.0 || !pressure.is_finite()).then_some(pressure),
            )),
            _ => None,
        });
        Some(points.collect())
    }

    /// The points as text: the flat numbers (see [`Stroke::flat_numbers`]) joined by spaces,
    /// each in its shortest form with `.0` when whole (`"2.0 2.0 -1.0 12.3 4.5 0.62"`).
    pub fn points_text(&self) -> String {
        let numbers: Vec<String> = self.flat_numbers().into_iter().map(number).collect();
        numbers.join(" ")
    }

    /// The points written as [`Stroke::points_text`] writes them; an error in words when a
    /// value is not a finite number or the values are not three per point.
    pub fn points_from_text(text: &str) -> Result<Vec<StrokePoint>, String> {
        let numbers = text
            .split_whitespace()
            .map(|word| {
                word.parse::<f32>()
                    .ok()
                    .filter(|value| value.is_finite())
                    .ok_or_else(|| format!("{word:?} is not a finite number"))
            })
            .collect::<Result<Vec<f32>, String>>()?;
        Self::points_from_flat(&numbers).ok_or_else(|| {
            format!(
                "they hold {} numbers, not three per point (x, y and pressure)",
                numbers.len()
            )
        })
    }

    /// The number a flat list holds for the pressure of a point without one.
    pub const NO_PRESSURE: f32 = -1.0;

    /// The stroke's outline when its item covers `rect`, with the line `zoom` times as wide as
    /// the tool draws it on the board (1 on the board, the view's zoom on screen).
    pub fn outline_in(&self, rect: Rect, zoom: f32) -> Outline {
        let mut pen = self.tool.pen();
        pen.width *= zoom;
        sketch::outline(&self.drawn_samples_in(rect), &pen)
    }

    /// The most points of a stroke that are drawn and hit-tested. A hand rarely draws a third
    /// of that in one stroke; a file (or a colleague's update) with millions of points would
    /// otherwise make every paint that shows it crawl. The file keeps them all.
    pub const MOST_POINTS_DRAWN: usize = 4000;

    /// The samples that are drawn (see [`Stroke::samples_in`]): all of them, or, for a stroke
    /// of more than [`Stroke::MOST_POINTS_DRAWN`] points, points evenly spread along it, its
    /// first and last among them.
    pub fn drawn_samples_in(&self, rect: Rect) -> Vec<Sample> {
        let count = self.points.len();
        if count <= Self::MOST_POINTS_DRAWN {
            return self.samples_in(rect);
        }
        let step = count.div_ceil(Self::MOST_POINTS_DRAWN - 1);
        // The last point, unless stepping lands on it anyway.
        let last = (!(count - 1).is_multiple_of(step))
            .then(|| self.points.last())
            .flatten();
        self.points
            .iter()
            .step_by(step)
            .chain(last)
            .map(self.placer(rect))
            .collect()
    }
}

/// Where a stroke through `samples` (board units) lies and what it holds: the item's top-left
/// corner, its size, and the stroke with its points relative to that corner. The box is the
/// samples' bounds grown by half the tool's width on every side, so a dot is as wide as the
/// line. `None` when no sample is a place on the board.
pub(super) fn place(samples: &[Sample], tool: StrokeTool) -> Option<(Point, Size, Stroke)> {
    let on_board: Vec<&Sample> = samples
        .iter()
        .filter(|sample| sample.at.off_board().is_none())
        .collect();
    let bounds = Rect::around(
        on_board
            .iter()
            .map(|sample| Rect::spanning(sample.at, sample.at)),
    )?;
    let half = tool.pen().width / 2.0;
    let pos = Point::new(
        round_to(bounds.min.x - half, 10.0),
        round_to(bounds.min.y - half, 10.0),
    );
    let points: Vec<StrokePoint> = on_board
        .iter()
        .map(|sample| {
            StrokePoint::rounded(
                sample.at.x - pos.x,
                sample.at.y - pos.y,
                sample.pressure.filter(|p| p.is_finite()),
            )
        })
        .collect();
    let far = |pick: fn(&StrokePoint) -> f32| points.iter().map(pick).fold(0.0, f32::max);
    let size = Size::new(
        round_to(far(|p| p.x) + half, 10.0),
        round_to(far(|p| p.y) + half, 10.0),
    );
    Some((
        pos,
        size,
        Stroke {
            tool,
            drawn: size,
            points,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(x: f32, y: f32) -> Sample {
        Sample::new(Point::new(x, y), None)
    }

    #[test]
    fn a_stroke_sits_in_its_bounds_grown_by_half_the_width() {
        let (pos, size, stroke) =
            place(&[sample(100.0, 50.0), sample(140.0, 80.0)], StrokeTool::Pen).unwrap();
        assert_eq!(pos, Point::new(97.0, 47.0));
        assert_eq!(size, Size::new(46.0, 36.0));
        assert_eq!(stroke.drawn, size);
        assert_eq!(
            stroke.points,
            vec![
                StrokePoint::rounded(3.0, 3.0, None),
                StrokePoint::rounded(43.0, 33.0, None)
            ]
        );
    }

    #[test]
    fn a_dot_is_as_wide_as_the_line_and_samples_off_the_board_are_left_out() {
        let (_, size, stroke) = place(
            &[
                sample(f32::NAN, 0.0),
                sample(10.0, 10.0),
                sample(f32::INFINITY, 3.0),
            ],
            StrokeTool::Highlighter,
        )
        .unwrap();
        assert_eq!(size, Size::new(24.0, 24.0));
        assert_eq!(stroke.points.len(), 1);
        assert!(place(&[sample(f32::NAN, 0.0)], StrokeTool::Pen).is_none());
        assert!(place(&[], StrokeTool::Pen).is_none());
    }

    #[test]
    fn points_are_rounded_as_files_keep_them() {
        let point = StrokePoint::rounded(12.34, -0.04, Some(0.6234));
        assert_eq!((point.x, point.y, point.pressure), (12.3, 0.0, Some(0.62)));
        assert!(point.y.is_sign_positive());
        assert_eq!(
            StrokePoint::rounded(point.x, point.y, point.pressure),
            point
        );
    }

    #[test]
    fn points_as_text_come_back_and_bad_text_is_named() {
        let stroke = Stroke {
            tool: StrokeTool::Pen,
            drawn: Size::new(10.0, 10.0),
            points: vec![
                StrokePoint::rounded(0.0, 0.0, None),
                StrokePoint::rounded(12.3, 4.5, Some(0.62)),
            ],
        };
        assert_eq!(stroke.points_text(), "0.0 0.0 -1.0 12.3 4.5 0.62");
        assert_eq!(
            Stroke::points_from_text(&stroke.points_text()),
            Ok(stroke.points)
        );
        assert_eq!(Stroke::points_from_text(""), Ok(Vec::new()));
        for bad in ["1 2", "1 2 3 4", "1 NaN 3", "inf 1 1", "1 x 2"] {
            assert!(Stroke::points_from_text(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_stroke_of_a_million_points_is_drawn_through_a_few_thousand_of_them() {
        let samples: Vec<Sample> = (0..1_000_000)
            .map(|i| sample((i % 1000) as f32, (i / 1000) as f32))
            .collect();
        let (pos, size, stroke) = place(&samples, StrokeTool::Pen).unwrap();
        assert_eq!(stroke.points.len(), 1_000_000, "all kept");
        let rect = Rect::at(pos, size);
        let drawn = stroke.drawn_samples_in(rect);
        assert!(
            (Stroke::MOST_POINTS_DRAWN * 9 / 10..=Stroke::MOST_POINTS_DRAWN).contains(&drawn.len()),
            "{} points drawn",
            drawn.len()
        );
        assert_eq!(drawn.first(), stroke.samples_in(rect).first());
        assert_eq!(drawn.last(), stroke.samples_in(rect).last());
        assert!(stroke.outline_in(rect, 1.0).spine().len() <= Stroke::MOST_POINTS_DRAWN);
        // A stroke of a hand's length is drawn through every point.
        let short = &stroke.points[..2000];
        let hand = Stroke {
            points: short.to_vec(),
            ..stroke.clone()
        };
        assert_eq!(hand.drawn_samples_in(rect), hand.samples_in(rect));
    }

    #[test]
    fn a_resized_stroke_scales_its_points() {
        let (pos, size, stroke) =
            place(&[sample(0.0, 0.0), sample(40.0, 20.0)], StrokeTool::Pen).unwrap();
        let doubled = Rect::at(pos, Size::new(size.width * 2.0, size.height * 2.0));
        let samples = stroke.samples_in(doubled);
        assert_eq!(samples[0].at, Point::new(pos.x + 6.0, pos.y + 6.0));
        assert_eq!(samples[1].at, Point::new(pos.x + 86.0, pos.y + 46.0));
        let moved = Rect::at(Point::new(0.0, 0.0), size);
        assert_eq!(stroke.samples_in(moved)[1].at, Point::new(43.0, 23.0));
    }
}

#[cfg(test)]
mod item_tests {
    use super::*;
    use crate::model::{Item, ItemId, PaletteColor, ZKey};

    /// A pen circle of radius 50 round (100, 100), drawn as 48 samples.
    fn circle() -> Item {
        let samples: Vec<Sample> = (0..=48)
            .map(|step| {
                let angle = step as f32 / 48.0 * std::f32::consts::TAU;
                Sample::new(
                    Point::new(100.0 + 50.0 * angle.cos(), 100.0 + 50.0 * angle.sin()),
                    None,
                )
            })
            .collect();
        Item::stroke(
            ItemId::from_raw(7),
            &samples,
            StrokeTool::Pen,
            ZKey::middle(),
            PaletteColor::Blue,
        )
        .unwrap()
    }

    #[test]
    fn a_click_picks_a_stroke_on_its_line_not_in_its_empty_middle() {
        let item = circle();
        assert!(item.picks(Point::new(150.0, 100.0)));
        assert!(item.picks(Point::new(100.0, 52.0)), "near the line");
        assert!(!item.picks(Point::new(100.0, 100.0)), "the middle");
        assert!(!item.picks(Point::new(60.0, 60.0)), "a corner of its box");
    }

    #[test]
    fn a_stroke_is_no_backdrop_has_no_text_and_takes_no_connectors() {
        let item = circle();
        assert!(!item.is_backdrop());
        assert!(!item.has_text());
        assert!(!item.connects());
        assert_eq!(item.text(), "");
        assert_eq!(item.kind.name(), "pen stroke");
        assert_eq!(item.kind.usual_size(), item.size);
    }
}
