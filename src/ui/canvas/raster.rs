//! A small picture drawn on the processor: filled rectangles, rectangle outlines and
//! one-pixel lines, anti-aliased, in egui's premultiplied colours.
//!
//! Far out, the board is thousands of rectangles a few pixels wide and the lines between them.
//! Under software rendering every triangle costs the renderer setting up and rasterising, so
//! drawing them once into a picture and showing the picture (one rectangle) while the view
//! pans is much cheaper than sending the same triangles every frame. The minimap is drawn the
//! same way.

use egui::{Color32, ColorImage, Pos2, Rect};

/// Puts `image` in `texture`, making the texture (called `name`) the first time: pixel for
/// pixel, as the pictures are shown at their own size.
pub fn show_in(
    texture: &mut Option<egui::TextureHandle>,
    ctx: &egui::Context,
    name: &str,
    image: ColorImage,
) {
    match texture {
        Some(texture) => texture.set(image, egui::TextureOptions::NEAREST),
        None => *texture = Some(ctx.load_texture(name, image, egui::TextureOptions::NEAREST)),
    }
}

/// A picture being drawn: premultiplied pixels, row by row, transparent where nothing is.
#[derive(Clone, Debug)]
pub struct Raster {
    width: usize,
    height: usize,
    pixels: Vec<Color32>,
}

impl Raster {
    /// A transparent picture of `width` × `height` pixels.
    pub fn new(width: usize, height: usize) -> Self {
        Self {
            width,
            height,
            pixels: vec![Color32::TRANSPARENT; width * height],
        }
    }

    /// The squares of `side` pixels (the last ones in a row or column cut to the picture)
    /// with something drawn in them, as pixel rectangles: the rest need not be shown.
    pub fn used_tiles(&self, side: usize) -> Vec<Rect> {
        let side = side.max(1);
        let mut used = Vec::new();
        for top in (0..self.height).step_by(side) {
            let bottom = (top + side).min(self.height);
            for left in (0..self.width).step_by(side) {
                let right = (left + side).min(self.width);
                let any = (top..bottom).any(|y| {
                    self.pixels
                        .get(y * self.width + left..y * self.width + right)
                        .is_some_and(|row| row.iter().any(|pixel| pixel.a() > 0))
                });
                if any {
                    used.push(Rect::from_min_max(
                        egui::pos2(left as f32, top as f32),
                        egui::pos2(right as f32, bottom as f32),
                    ));
                }
            }
        }
        used
    }

    /// The finished picture.
    pub fn into_image(self) -> ColorImage {
        ColorImage::new([self.width, self.height], self.pixels)
    }

    /// The pixel at `x`, `y` (transparent outside the picture).
    #[cfg(test)]
    pub fn pixel(&self, x: usize, y: usize) -> Color32 {
        if x >= self.width {
            return Color32::TRANSPARENT;
        }
        self.pixels
            .get(y * self.width + x)
            .copied()
            .unwrap_or(Color32::TRANSPARENT)
    }

    /// Lays `color` over the pixel at `x`, `y` with `coverage` (0–1) of it.
    fn blend(&mut self, x: i64, y: i64, color: Color32, coverage: f32) {
        let (Ok(x), Ok(y)) = (usize::try_from(x), usize::try_from(y)) else {
            return;
        };
        if x >= self.width || coverage <= 0.0 {
            return;
        }
        let Some(pixel) = self.pixels.get_mut(y * self.width + x) else {
            return;
        };
        let top = color.gamma_multiply(coverage.min(1.0));
        let keep = 255 - u16::from(top.a());
        let over = |top: u8, below: u8| {
            let below = (u16::from(below) * keep + 127) / 255;
            u8::try_from(u16::from(top) + below).unwrap_or(u8::MAX)
        };
        *pixel = Color32::from_rgba_premultiplied(
            over(top.r(), pixel.r()),
            over(top.g(), pixel.g()),
            over(top.b(), pixel.b()),
            over(top.a(), pixel.a()),
        );
    }

    /// Fills `rect` (in pixels) with `color`; pixels it covers in part get that part of it.
    pub fn fill_rect(&mut self, rect: Rect, color: Color32) {
        let rect = rect.intersect(Rect::from_min_size(
            Pos2::ZERO,
            egui::vec2(self.width as f32, self.height as f32),
        ));
        if !(rect.width() > 0.0 && rect.height() > 0.0) {
            return;
        }
        // How much of pixel `i` the span `from..to` covers.
        let cover = |i: i64, from: f32, to: f32| {
            let i = i as f32;
            (to.min(i + 1.0) - from.max(i)).clamp(0.0, 1.0)
        };
        let (x0, x1) = (rect.min.x.floor() as i64, rect.max.x.ceil() as i64);
        let (y0, y1) = (rect.min.y.floor() as i64, rect.max.y.ceil() as i64);
        for y in y0..y1 {
            let down = cover(y, rect.min.y, rect.max.y);
            for x in x0..x1 {
                self.blend(x, y, color, down * cover(x, rect.min.x, rect.max.x));
            }
        }
    }

    /// Draws the outline of `rect` (in pixels), `width` pixels wide, inside it.
    pub fn stroke_rect(&mut self, rect: Rect, width: f32, color: Color32) {
        let width = width.min(rect.width() / 2.0).min(rect.height() / 2.0);
        if width <= 0.0 {
            return;
        }
        let (min, max) = (rect.min, rect.max);
        for side in [
            Rect::from_min_max(min, egui::pos2(max.x, min.y + width)),
            Rect::from_min_max(egui::pos2(min.x, max.y - width), max),
            Rect::from_min_max(
                egui::pos2(min.x, min.y + width),
                egui::pos2(min.x + width, max.y - width),
            ),
            Rect::from_min_max(
                egui::pos2(max.x - width, min.y + width),
                egui::pos2(max.x, max.y - width),
            ),
        ] {
            self.fill_rect(side, color);
        }
    }

    /// Draws an anti-aliased line about one pixel wide from `a` to `b` (in pixels), `width`
    /// pixels wide when that is more.
    pub fn line(&mut self, a: Pos2, b: Pos2, width: f32, color: Color32) {
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        if !(dx.is_finite() && dy.is_finite()) {
            return;
        }
        // Step along the longer axis one pixel at a time, and share each step between the two
        // pixels nearest the line across it.
        let steep = dy.abs() > dx.abs();
        let (mut a, mut b) = if steep {
            (Pos2::new(a.y, a.x), Pos2::new(b.y, b.x))
        } else {
            (a, b)
        };
        if a.x > b.x {
            std::mem::swap(&mut a, &mut b);
        }
        let slope = if b.x - a.x > 0.0 {
            (b.y - a.y) / (b.x - a.x)
        } else {
            0.0
        };
        // Limit the steps to the picture: a line far longer than it would only waste time.
        let limit = if steep { self.height } else { self.width } as f32;
        let start = a.x.round().max(0.0);
        let end = b.x.round().min(limit);
        let extra = (width.round() as i64 - 1).max(0);
        let mut along = start;
        while along <= end {
            let across = a.y + slope * (along - a.x) - 0.5;
            let below = across.floor();
            let share = across - below;
            let (i, j) = (along as i64, below as i64);
            for (offset, coverage) in [(0, 1.0 - share), (1 + extra, share)]
                .into_iter()
                .chain((1..=extra).map(|k| (k, 1.0)))
            {
                if steep {
                    self.blend(j + offset, i, color, coverage);
                } else {
                    self.blend(i, j + offset, color, coverage);
                }
            }
            along += 1.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    const RED: Color32 = Color32::from_rgb(200, 0, 0);

    #[test]
    fn a_rectangle_on_whole_pixels_fills_exactly_them() {
        let mut raster = Raster::new(4, 3);
        raster.fill_rect(Rect::from_min_max(pos2(1.0, 1.0), pos2(3.0, 2.0)), RED);
        for y in 0..3 {
            for x in 0..4 {
                let inside = (1..3).contains(&x) && y == 1;
                let want = if inside { RED } else { Color32::TRANSPARENT };
                assert_eq!(raster.pixel(x, y), want, "pixel {x}, {y}");
            }
        }
    }

    #[test]
    fn pixels_covered_in_part_get_that_part_of_the_colour() {
        let mut raster = Raster::new(2, 1);
        raster.fill_rect(Rect::from_min_max(pos2(0.5, 0.0), pos2(2.0, 1.0)), RED);
        assert_eq!(raster.pixel(0, 0), RED.gamma_multiply(0.5));
        assert_eq!(raster.pixel(1, 0), RED);
    }

    #[test]
    fn colours_are_laid_over_what_is_there() {
        let mut raster = Raster::new(1, 1);
        let whole = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
        raster.fill_rect(whole, Color32::WHITE);
        raster.fill_rect(whole, Color32::BLACK.gamma_multiply(0.5));
        let pixel = raster.pixel(0, 0);
        assert_eq!(pixel.a(), 255);
        assert!((127..=128).contains(&pixel.r()), "{pixel:?}");
    }

    #[test]
    fn drawing_outside_the_picture_changes_nothing_and_never_panics() {
        let mut raster = Raster::new(3, 3);
        raster.fill_rect(
            Rect::from_min_max(pos2(-10.0, -10.0), pos2(-1.0, 50.0)),
            RED,
        );
        raster.fill_rect(Rect::NOTHING, RED);
        raster.line(pos2(-1e9, 5.0), pos2(1e9, 5.0), 1.0, RED);
        raster.line(pos2(f32::NAN, 0.0), pos2(1.0, 1.0), 1.0, RED);
        raster.stroke_rect(Rect::from_min_max(pos2(5.0, 5.0), pos2(9.0, 9.0)), 1.0, RED);
        assert_eq!(raster.into_image().pixels, vec![Color32::TRANSPARENT; 9]);
    }

    #[test]
    fn a_line_covers_about_one_pixel_per_step_along_it() {
        for (a, b) in [
            (pos2(0.0, 4.5), pos2(9.0, 4.5)),
            (pos2(4.5, 0.0), pos2(4.5, 9.0)),
            (pos2(0.0, 0.0), pos2(9.0, 9.0)),
            (pos2(9.0, 2.0), pos2(0.0, 7.0)),
        ] {
            let mut raster = Raster::new(10, 10);
            raster.line(a, b, 1.0, Color32::WHITE);
            let total: f32 = raster
                .into_image()
                .pixels
                .iter()
                .map(|pixel| f32::from(pixel.a()) / 255.0)
                .sum();
            assert!((9.0..=11.0).contains(&total), "{a:?}–{b:?}: {total}");
        }
    }

    #[test]
    fn only_tiles_with_something_drawn_in_them_are_used() {
        let mut raster = Raster::new(10, 5);
        assert!(raster.used_tiles(4).is_empty());
        raster.fill_rect(Rect::from_min_max(pos2(9.0, 4.0), pos2(10.0, 5.0)), RED);
        raster.fill_rect(Rect::from_min_max(pos2(1.0, 1.0), pos2(2.0, 2.0)), RED);
        assert_eq!(
            raster.used_tiles(4),
            vec![
                Rect::from_min_max(pos2(0.0, 0.0), pos2(4.0, 4.0)),
                Rect::from_min_max(pos2(8.0, 4.0), pos2(10.0, 5.0)),
            ]
        );
    }

    #[test]
    fn an_outline_leaves_the_middle_empty() {
        let mut raster = Raster::new(5, 5);
        raster.stroke_rect(Rect::from_min_max(pos2(0.0, 0.0), pos2(5.0, 5.0)), 1.0, RED);
        assert_eq!(raster.pixel(0, 0), RED);
        assert_eq!(raster.pixel(4, 2), RED);
        assert_eq!(raster.pixel(2, 2), Color32::TRANSPARENT);
        assert_eq!(raster.pixel(1, 1), Color32::TRANSPARENT);
    }
}
