//! `civic-canvas BOARD --screenshot OUT.png`: the real window draws its first complete frame,
//! saves it as a PNG and closes. Used to check the look of a board on a real renderer, and to
//! measure how long it takes from start to a board on screen.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use egui::{ColorImage, ScreenshotCallback, ViewportCommand};
use image::{ExtendedColorType, ImageEncoder as _, codecs::png::PngEncoder};

use super::CivicCanvasApp;

/// Why no screenshot was saved.
#[derive(Debug, thiserror::Error)]
pub enum ScreenshotError {
    /// The pixels could not be encoded as PNG.
    #[error("could not encode the screenshot as PNG")]
    Encode(#[source] image::ImageError),
    /// The PNG file could not be written.
    #[error("could not write the screenshot to {}", .path.display())]
    Write {
        /// The file that was to be written.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The window closed before a frame was captured.
    #[error("the window closed before the screenshot was taken")]
    WindowClosed,
}

/// A screenshot to take once, of the first complete frame, then close the window.
///
/// Clones share the outcome: keep one to ask [`Screenshot::outcome`] after the window closed.
#[derive(Clone, Debug)]
pub struct Screenshot {
    path: PathBuf,
    /// The window's inner size, in points, instead of the usual one.
    size: Option<[u32; 2]>,
    /// Whether the board is shown at 100% around its middle rather than fitted.
    actual_size: bool,
    requested: bool,
    outcome: Arc<Mutex<Option<Result<(), ScreenshotError>>>>,
}

impl Screenshot {
    /// A screenshot to be saved as a PNG file at `path`.
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            size: None,
            actual_size: false,
            requested: false,
            outcome: Arc::default(),
        }
    }

    /// The same screenshot of a window of `size` points, with the board at 100% around its
    /// middle (`actual_size`) or fitted in view.
    #[must_use]
    pub fn with_view(mut self, size: Option<[u32; 2]>, actual_size: bool) -> Self {
        self.size = size;
        self.actual_size = actual_size;
        self
    }

    /// The window's inner size asked for, if any.
    pub fn size(&self) -> Option<[u32; 2]> {
        self.size
    }

    /// At the start of the first paint, before the canvas is shown: the board at 100% around
    /// its middle, when asked for.
    pub fn on_first_frame(
        &self,
        ctx: &egui::Context,
        board: &crate::model::Board,
        canvas: &mut crate::ui::canvas::CanvasState,
    ) {
        if self.actual_size && ctx.cumulative_frame_nr() == 0 {
            use crate::model::{Item, Rect as BoardRect};
            let middle = BoardRect::around(board.items().map(Item::rect)).map_or(
                crate::ui::camera::Camera::default().center_in_board,
                BoardRect::center,
            );
            canvas.show_through(crate::ui::camera::Camera {
                center_in_board: middle,
                zoom: 1.0,
            });
        }
    }

    /// Called once per paint, after the whole UI has been laid out.
    ///
    /// The first frame is laid out and painted while eframe still keeps the window hidden (it
    /// shows it after that frame), so the capture is asked for on the second frame: the first
    /// one on screen. The capture arrives after that frame is painted; the frame after it closes
    /// the window.
    pub fn on_frame(&mut self, ctx: &egui::Context) {
        if self.is_done() {
            ctx.send_viewport_cmd(ViewportCommand::Close);
        } else if !self.requested && ctx.cumulative_frame_nr() >= 1 {
            self.requested = true;
            let path = self.path.clone();
            let outcome = Arc::clone(&self.outcome);
            let repaint = ctx.clone();
            let callback = ScreenshotCallback::new(move |image: Arc<ColorImage>| {
                let result = save_png(&path, &image);
                *outcome.lock().unwrap_or_else(PoisonError::into_inner) = Some(result);
                repaint.request_repaint();
            });
            ctx.send_viewport_cmd(ViewportCommand::Screenshot(callback));
        } else {
            ctx.request_repaint();
        }
    }

    fn is_done(&self) -> bool {
        self.outcome
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_some()
    }

    /// Whether the screenshot was saved; [`ScreenshotError::WindowClosed`] if none was taken.
    pub fn outcome(&self) -> Result<(), ScreenshotError> {
        self.outcome
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
            .unwrap_or(Err(ScreenshotError::WindowClosed))
    }
}

/// Writes the captured pixels to `path` as an RGB PNG (the window has no transparency).
fn save_png(path: &Path, image: &ColorImage) -> Result<(), ScreenshotError> {
    let rgb: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|pixel| [pixel.r(), pixel.g(), pixel.b()])
        .collect();
    let [width, height] = image
        .size
        .map(|side| u32::try_from(side).unwrap_or(u32::MAX));
    let mut png = Vec::new();
    PngEncoder::new(Cursor::new(&mut png))
        .write_image(&rgb, width, height, ExtendedColorType::Rgb8)
        .map_err(ScreenshotError::Encode)?;
    std::fs::write(path, png).map_err(|source| ScreenshotError::Write {
        path: path.to_owned(),
        source,
    })
}

impl CivicCanvasApp {
    /// Makes the app take `screenshot` of its first complete frame and then close.
    #[must_use]
    pub fn with_screenshot(mut self, screenshot: Screenshot) -> Self {
        self.shell.screenshot = Some(screenshot);
        // The window closes once the PNG is written, never asking to save: a board that opened
        // with repairs has unsaved changes, and the screenshot shows it as it opened.
        self.shell.close_confirmed = true;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixels_are_saved_as_a_png_of_the_same_size_and_colours() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shot.png");
        let mut image = ColorImage::filled([3, 2], egui::Color32::from_rgb(10, 20, 30));
        image.pixels[5] = egui::Color32::from_rgb(200, 100, 50);
        save_png(&path, &image).unwrap();
        let read = image::open(&path).unwrap().to_rgb8();
        assert_eq!(read.dimensions(), (3, 2));
        assert_eq!(read.get_pixel(0, 0).0, [10, 20, 30]);
        assert_eq!(read.get_pixel(2, 1).0, [200, 100, 50]);
    }

    #[test]
    fn a_folder_that_does_not_exist_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join("shot.png");
        let image = ColorImage::filled([1, 1], egui::Color32::WHITE);
        let error = save_png(&path, &image).unwrap_err();
        assert!(matches!(error, ScreenshotError::Write { .. }));
        assert!(error.to_string().contains("shot.png"), "{error}");
        assert!(!path.exists());
    }

    #[test]
    fn without_a_capture_the_outcome_says_the_window_closed() {
        let screenshot = Screenshot::new(PathBuf::from("never.png"));
        assert!(matches!(
            screenshot.clone().outcome(),
            Err(ScreenshotError::WindowClosed)
        ));
    }
}
