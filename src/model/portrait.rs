//! Portraits: faces drawn with the pen for a persona card, in place of a photo.
//!
//! A portrait is a handful of pen lines in a square [`Portrait::SIZE`] units wide, each point
//! relative to the square's top-left corner. The card draws the square over its avatar circle,
//! scaled to the circle's width, so the portrait looks the same on a small card and a large one.
//! Each line is a pen [`Stroke`] drawn in that square, so it is smoothed and drawn as strokes on
//! the board are ([`super::sketch`]).

use serde::{Deserialize, Serialize};

use super::sketch::{self, Outline, Pen, Sample};
use super::{Rect, Size, Stroke, StrokePoint, StrokeTool};

/// A portrait drawn for a persona: pen lines in a square [`Portrait::SIZE`] units wide. Empty
/// when none was drawn.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Portrait {
    /// The lines in the order they were drawn: pen strokes drawn in the square.
    lines: Vec<Stroke>,
}

impl Portrait {
    /// The width and height of the square a portrait is drawn in, in its own units.
    pub const SIZE: f32 = 100.0;

    /// The pen portraits are drawn with, in the portrait's units: the board's pen, thinner, so
    /// eyes and glasses stay open on a card's small circle.
    pub const PEN: Pen = Pen {
        width: 2.5,
        ..Pen::PEN
    };

    /// The outline of `line` (one of [`Portrait::lines`]) when the portrait's square is drawn
    /// as `square` (on the board or on screen): its points and its width scaled with it.
    pub fn outline_in(line: &Stroke, square: Rect) -> Outline {
        let mut pen = Self::PEN;
        pen.width *= square.size().width / Self::SIZE;
        sketch::outline(&line.drawn_samples_in(square), &pen)
    }

    /// The portrait of these lines, each the points the pen went through in the square: the
    /// points rounded as files keep them (see [`StrokePoint::rounded`]); a line with no points
    /// is left out.
    pub fn new(lines: impl IntoIterator<Item = Vec<StrokePoint>>) -> Self {
        let lines = lines
            .into_iter()
            .filter(|points| !points.is_empty())
            .map(|points| {
                Self::line(
                    points
                        .into_iter()
                        .map(|p| StrokePoint::rounded(p.x, p.y, p.pressure))
                        .collect(),
                )
            })
            .collect();
        Self { lines }
    }

    /// The portrait of lines drawn as `samples` in the square's units; samples that are not
    /// finite numbers are left out, and so is a line left with none.
    pub fn from_samples<'s>(lines: impl IntoIterator<Item = &'s [Sample]>) -> Self {
        Self::new(lines.into_iter().map(|samples| {
            samples
                .iter()
                .filter(|sample| sample.at.x.is_finite() && sample.at.y.is_finite())
                .map(|sample| {
                    StrokePoint::rounded(
                        sample.at.x,
                        sample.at.y,
                        sample.pressure.filter(|p| p.is_finite()),
                    )
                })
                .collect()
        }))
    }

    /// A pen stroke through `points`, drawn in the portrait's square.
    pub fn line(points: Vec<StrokePoint>) -> Stroke {
        Stroke {
            tool: StrokeTool::Pen,
            drawn: Size::new(Self::SIZE, Self::SIZE),
            points,
        }
    }

    /// The lines, in the order they were drawn.
    pub fn lines(&self) -> &[Stroke] {
        &self.lines
    }

    /// Whether no line was drawn.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Each line's points as one flat list of numbers, three per point, as files and live
    /// sessions keep them (see [`Stroke::flat_numbers`]).
    pub fn flat_lines(&self) -> Vec<Vec<f32>> {
        self.lines.iter().map(Stroke::flat_numbers).collect()
    }

    /// The portrait whose lines `lists` hold, as [`Portrait::flat_lines`] makes them; the
    /// place (from 0) of the first list that does not hold three numbers per point otherwise.
    /// A value that is not finite is kept, for the caller's checks to refuse.
    pub fn from_flat_lines(lists: &[Vec<f32>]) -> Result<Self, usize> {
        let lines = lists
            .iter()
            .enumerate()
            .map(|(place, numbers)| Stroke::points_from_flat(numbers).ok_or(place))
            .collect::<Result<Vec<_>, usize>>()?;
        Ok(Self::new(lines))
    }

    /// Each line's points as text (see [`Stroke::points_text`]), as live sessions share them.
    pub fn line_texts(&self) -> Vec<String> {
        self.lines.iter().map(Stroke::points_text).collect()
    }

    /// The portrait whose lines `texts` hold, as [`Portrait::line_texts`] writes them; an error
    /// in words naming the line (from 1) when one does not hold three finite numbers per point.
    pub fn from_line_texts<'t>(texts: impl IntoIterator<Item = &'t str>) -> Result<Self, String> {
        let lines = texts
            .into_iter()
            .enumerate()
            .map(|(place, text)| {
                Stroke::points_from_text(text)
                    .map_err(|problem| format!("line {} of the portrait: {problem}", place + 1))
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Self::new(lines))
    }

    /// The first value of a point (position or pressure) that is not a finite number, if any:
    /// such a portrait cannot be drawn or saved.
    pub fn unusable_value(&self) -> Option<f32> {
        self.lines
            .iter()
            .flat_map(|line| &line.points)
            .flat_map(|point| [point.x, point.y, point.pressure.unwrap_or(0.0)])
            .find(|value| !value.is_finite())
    }

    /// How many points all the lines hold.
    pub fn point_count(&self) -> usize {
        self.lines.iter().map(|line| line.points.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Point;

    fn point(x: f32, y: f32, pressure: Option<f32>) -> StrokePoint {
        StrokePoint { x, y, pressure }
    }

    #[test]
    fn lines_are_pen_strokes_in_the_square_with_points_rounded_and_empty_lines_left_out() {
        let portrait = Portrait::new([
            vec![point(10.04, 20.06, Some(0.333)), point(30.0, 40.0, None)],
            Vec::new(),
            vec![point(50.0, 50.0, None)],
        ]);
        assert_eq!(portrait.lines().len(), 2);
        let first = &portrait.lines()[0];
        assert_eq!(first.tool, StrokeTool::Pen);
        assert_eq!(first.drawn, Size::new(100.0, 100.0));
        assert_eq!(first.points[0], point(10.0, 20.1, Some(0.33)));
        assert_eq!(portrait.point_count(), 3);
        assert!(!portrait.is_empty());
        assert!(Portrait::new([Vec::new()]).is_empty());
    }

    #[test]
    fn samples_that_are_not_numbers_are_left_out() {
        let samples = [
            Sample::new(Point::new(f32::NAN, 1.0), None),
            Sample::new(Point::new(5.0, 6.0), Some(f32::INFINITY)),
        ];
        let lonely = [Sample::new(Point::new(1.0, f32::INFINITY), None)];
        let portrait = Portrait::from_samples([samples.as_slice(), lonely.as_slice()]);
        assert_eq!(portrait.lines().len(), 1);
        assert_eq!(portrait.lines()[0].points, [point(5.0, 6.0, None)]);
        assert_eq!(portrait.unusable_value(), None);
    }

    #[test]
    fn flat_lines_and_texts_come_back_and_a_bad_line_is_named() {
        let portrait = Portrait::new([
            vec![point(0.0, 0.0, None), point(12.3, 4.5, Some(0.62))],
            vec![point(99.9, 100.0, Some(1.0))],
        ]);
        let flat = portrait.flat_lines();
        assert_eq!(flat[1], [99.9, 100.0, 1.0]);
        assert_eq!(Portrait::from_flat_lines(&flat), Ok(portrait.clone()));
        assert_eq!(
            Portrait::from_flat_lines(&[vec![1.0, 2.0, 3.0], vec![1.0, 2.0]]),
            Err(1)
        );
        let texts = portrait.line_texts();
        assert_eq!(texts[0], "0.0 0.0 -1.0 12.3 4.5 0.62");
        let back = Portrait::from_line_texts(texts.iter().map(String::as_str));
        assert_eq!(back, Ok(portrait));
        let error = Portrait::from_line_texts(["1 2 3", "1 NaN 3"]).unwrap_err();
        assert!(error.contains("line 2"), "{error}");
    }

    #[test]
    fn a_line_is_drawn_with_the_portrait_pen_scaled_to_the_square() {
        let line = Portrait::line(vec![
            StrokePoint::rounded(10.0, 50.0, Some(1.0)),
            StrokePoint::rounded(90.0, 50.0, Some(1.0)),
        ]);
        let square = Rect::at(Point::new(200.0, 100.0), Size::new(300.0, 300.0));
        let outline = Portrait::outline_in(&line, square);
        let widest = outline
            .spine()
            .iter()
            .map(|&(_, radius)| radius * 2.0)
            .fold(0.0, f32::max);
        assert!(
            (widest - Portrait::PEN.width * 3.0).abs() < 0.01,
            "{widest}"
        );
        let (first, _) = outline.spine()[0];
        assert_eq!(first, Point::new(230.0, 250.0));
    }

    #[test]
    fn a_value_that_is_not_finite_is_found() {
        let portrait =
            Portrait::from_flat_lines(&[vec![1.0, 2.0, -1.0, 3.0, f32::NAN, -1.0]]).unwrap();
        assert!(portrait.unusable_value().is_some_and(f32::is_nan));
        let pressed = Portrait::new([vec![point(1.0, 1.0, Some(f32::INFINITY))]]);
        assert_eq!(pressed.unusable_value(), Some(f32::INFINITY));
    }
}
