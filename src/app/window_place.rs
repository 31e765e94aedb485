//! The window's size, place on the desktop and maximised state, remembered between runs in
//! `window.ron` in the app's data folder (next to the recovery folder).
//!
//! A missing, unreadable or garbled file, or one with sizes that are not usable numbers, is
//! ignored: the window opens at its usual size, and the file is written anew when it closes.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The window's place as the app follows it, and the file it is kept in.
#[derive(Debug)]
pub(super) struct WindowMemory {
    /// Where the window is now (its size and position while not maximised).
    place: WindowPlace,
    /// The file the place is kept in when the window closes.
    path: PathBuf,
    /// Paints since the window opened, until it has been maximised as it was last time.
    paints: u32,
}

impl WindowMemory {
    /// Follows a window opened at `place`, to keep where it is in `path`.
    pub(super) fn new(place: WindowPlace, path: PathBuf) -> Self {
        Self {
            place,
            path,
            paints: 0,
        }
    }

    /// Once per paint: follows the window and, in the second paint, maximises it if it was
    /// maximised last time. X11 does not maximise a window made while hidden, and eframe shows
    /// the window only after its first paint.
    pub(super) fn on_paint(&mut self, ctx: &egui::Context) {
        let opening = self.paints < 2;
        if opening {
            self.paints += 1;
            if self.place.maximized {
                if self.paints == 2 {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Maximized(true));
                } else {
                    ctx.request_repaint();
                }
            }
        }
        // While it opens, the window may not be maximised yet: that is not a change.
        let was_maximized = self.place.maximized;
        ctx.input(|i| self.place.follow(i.viewport()));
        if opening {
            self.place.maximized |= was_maximized;
        }
    }

    /// Keeps the window's place in the file, for the next start.
    pub(super) fn save(&self) -> std::io::Result<()> {
        self.place.save(&self.path)
    }
}

/// Where and how big the window was when it was last closed.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowPlace {
    /// The inner size in points while not maximised (what un-maximising goes back to).
    pub size: [f32; 2],
    /// The top-left corner of the window's frame on the desktop, in points, while not maximised;
    /// `None` where the system does not say (Wayland places windows itself).
    pub position: Option<[f32; 2]>,
    /// Whether the window was maximised.
    pub maximized: bool,
}

impl Default for WindowPlace {
    fn default() -> Self {
        Self {
            size: Self::DEFAULT_SIZE,
            position: None,
            maximized: false,
        }
    }
}

impl WindowPlace {
    /// The size of the window the first time it opens, in points.
    pub const DEFAULT_SIZE: [f32; 2] = [1400.0, 900.0];
    /// The smallest window the app lays out well, in points.
    pub const MIN_SIZE: [f32; 2] = [640.0, 420.0];
    /// The file's name in the data folder.
    pub const FILE_NAME: &str = "window.ron";
    /// No window side is larger than this many points; a larger size in the file is cut down.
    const MAX_SIDE: f32 = 16_384.0;
    /// A position further than this from the desktop's origin is not used.
    const MAX_POSITION: f32 = 100_000.0;
    /// A larger file is not the app's: it is not read.
    const MAX_FILE_BYTES: u64 = 4096;

    /// The file in `data_dir` that the place is kept in.
    pub fn path_in(data_dir: &Path) -> PathBuf {
        data_dir.join(Self::FILE_NAME)
    }

    /// The place kept in `path`; `None` when there is none or it cannot be used.
    pub fn load(path: &Path) -> Option<Self> {
        // Only an ordinary file is read: opening a named pipe would wait for a writer forever.
        if !std::fs::metadata(path).ok()?.is_file() {
            return None;
        }
        let file = std::fs::File::open(path).ok()?;
        let mut text = String::new();
        let read = file
            .take(Self::MAX_FILE_BYTES + 1)
            .read_to_string(&mut text)
            .ok()?;
        if read as u64 > Self::MAX_FILE_BYTES {
            return None;
        }
        ron::from_str::<Self>(&text).ok()?.usable()
    }

    /// This place with a usable size (cut to what a window can be) and position, or `None` when
    /// the size is not a number.
    fn usable(self) -> Option<Self> {
        let [width, height] = self.size;
        if !width.is_finite() || !height.is_finite() {
            return None;
        }
        let [min_width, min_height] = Self::MIN_SIZE;
        let size = [
            width.clamp(min_width, Self::MAX_SIDE),
            height.clamp(min_height, Self::MAX_SIDE),
        ];
        let position = self.position.filter(|position| {
            position
                .iter()
                .all(|v| v.is_finite() && v.abs() <= Self::MAX_POSITION)
        });
        Some(Self {
            size,
            position,
            maximized: self.maximized,
        })
    }

    /// Writes the place to `path` (creating its folder), through a temporary file so that a
    /// half-written file is never read. It is not synced to the disk: losing it loses nothing
    /// but a window size, and closing the window does not wait for the disk.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        let temp = path.with_extension("ron.new");
        std::fs::write(&temp, text + "\n")?;
        std::fs::rename(&temp, path).inspect_err(|_| {
            let _gone = std::fs::remove_file(&temp);
        })
    }

    /// The window to open: `builder` at this size, place and maximised state.
    #[must_use]
    pub fn apply(&self, builder: egui::ViewportBuilder) -> egui::ViewportBuilder {
        let builder = builder
            .with_inner_size(self.size)
            .with_maximized(self.maximized);
        match self.position {
            Some(position) => builder.with_position(position),
            None => builder,
        }
    }

    /// Follows the window as it is now: its maximised state, and while it is neither
    /// maximised, minimised nor full screen, its size and position.
    pub fn follow(&mut self, window: &egui::ViewportInfo) {
        if let Some(maximized) = window.maximized {
            self.maximized = maximized;
        }
        let normal =
            !self.maximized && window.minimized != Some(true) && window.fullscreen != Some(true);
        if !normal {
            return;
        }
        if let Some(inner) = window.inner_rect {
            self.size = [inner.width(), inner.height()];
        }
        if let Some(outer) = window.outer_rect {
            self.position = Some([outer.min.x, outer.min.y]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(maximized: bool, inner: egui::Rect, outer: egui::Rect) -> egui::ViewportInfo {
        egui::ViewportInfo {
            maximized: Some(maximized),
            minimized: Some(false),
            fullscreen: Some(false),
            inner_rect: Some(inner),
            outer_rect: Some(outer),
            ..egui::ViewportInfo::default()
        }
    }

    #[test]
    fn a_place_followed_and_saved_opens_the_same_way_next_time() {
        let dir = tempfile::tempdir().unwrap();
        // The data folder is made when the window first closes.
        let path = WindowPlace::path_in(&dir.path().join("data"));
        let mut place = WindowPlace::default();
        let outer = egui::Rect::from_min_size(egui::pos2(120.0, 80.0), egui::vec2(1000.0, 740.0));
        let inner = egui::Rect::from_min_size(egui::pos2(120.0, 110.0), egui::vec2(1000.0, 710.0));
        place.follow(&window(false, inner, outer));
        // Maximised: the size and place to go back to are kept.
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1920.0, 1080.0));
        place.follow(&window(true, screen, screen));
        place.save(&path).unwrap();

        let loaded = WindowPlace::load(&path).unwrap();
        assert_eq!(
            loaded,
            WindowPlace {
                size: [1000.0, 710.0],
                position: Some([120.0, 80.0]),
                maximized: true,
            }
        );
        let builder = loaded.apply(egui::ViewportBuilder::default());
        assert_eq!(builder.inner_size, Some(egui::vec2(1000.0, 710.0)));
        assert_eq!(builder.position, Some(egui::pos2(120.0, 80.0)));
        assert_eq!(builder.maximized, Some(true));
    }

    #[test]
    fn a_window_maximised_last_time_is_maximised_once_it_is_on_screen() {
        let dir = tempfile::tempdir().unwrap();
        let place = WindowPlace {
            maximized: true,
            ..WindowPlace::default()
        };
        let mut memory = WindowMemory::new(place, WindowPlace::path_in(dir.path()));
        let ctx = egui::Context::default();
        let normal = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 900.0));
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1920.0, 1080.0));
        let mut maximise_asked = Vec::new();
        // The window shows, not maximised yet, then the window manager maximises it.
        for (maximized, rect) in [(false, normal), (false, normal), (true, screen)] {
            let mut input = egui::RawInput::default();
            input
                .viewports
                .insert(egui::ViewportId::ROOT, window(maximized, rect, rect));
            let mut output = ctx.run_ui(input, |ui| memory.on_paint(ui.ctx()));
            output.textures_delta.clear();
            let commands = &output.viewport_output[&egui::ViewportId::ROOT].commands;
            maximise_asked.push(commands.contains(&egui::ViewportCommand::Maximized(true)));
            assert!(
                memory.place.maximized,
                "not maximised yet while opening is not a change of the user's"
            );
        }
        assert_eq!(
            maximise_asked,
            [false, true, false],
            "asked once, in the second paint (eframe shows the window after the first)"
        );
        assert_eq!(memory.place.size, [1400.0, 900.0], "the size to go back to");
        memory.save().unwrap();
        assert!(WindowPlace::load(&memory.path).unwrap().maximized);
    }

    #[test]
    fn a_missing_garbled_or_strange_file_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let path = WindowPlace::path_in(dir.path());
        assert_eq!(WindowPlace::load(&path), None, "no file yet");
        let unusable: [&[u8]; 7] = [
            b"",
            b"(size: (1000.0, 700.0), position: None, maximized: tru",
            b"(size: (NaN, 700.0), position: None, maximized: false)",
            b"(size: (inf, 700.0), position: None, maximized: false)",
            b"(size: (1000.0, 700.0), position: None, maximized: false, theme: Dark)",
            b"\xff\xfe\x00garbage\x00",
            b"[1, 2, 3]",
        ];
        for bytes in unusable {
            std::fs::write(&path, bytes).unwrap();
            assert_eq!(
                WindowPlace::load(&path),
                None,
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
        }
        // A huge file is not read through.
        let mut huge = b"(size: (1000.0, 700.0), position: None, maximized: false)".to_vec();
        huge.resize(10 * 1024 * 1024, b' ');
        std::fs::write(&path, huge).unwrap();
        assert_eq!(WindowPlace::load(&path), None);
        // A folder where the file should be.
        std::fs::remove_file(&path).unwrap();
        std::fs::create_dir(&path).unwrap();
        assert_eq!(WindowPlace::load(&path), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_passed_over_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let path = WindowPlace::path_in(dir.path());
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(made.success());
        let (sender, loaded) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _sent = sender.send(WindowPlace::load(&path));
        });
        let loaded = loaded
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("reading the pipe waited");
        assert_eq!(loaded, None);
    }

    #[test]
    fn sizes_and_places_no_window_can_have_are_made_usable() {
        let dir = tempfile::tempdir().unwrap();
        let path = WindowPlace::path_in(dir.path());
        let cases = [
            (
                "(size: (10.0, -5.0), position: Some((inf, 0.0)), maximized: false)",
                WindowPlace {
                    size: WindowPlace::MIN_SIZE,
                    position: None,
                    maximized: false,
                },
            ),
            (
                "(size: (1e30, 900.0), position: Some((-1e9, 40.0)), maximized: true)",
                WindowPlace {
                    size: [16_384.0, 900.0],
                    position: None,
                    maximized: true,
                },
            ),
            (
                "(size: (1000.0, 700.0), position: Some((-1500.0, 40.0)), maximized: false)",
                WindowPlace {
                    size: [1000.0, 700.0],
                    position: Some([-1500.0, 40.0]),
                    maximized: false,
                },
            ),
        ];
        for (text, expected) in cases {
            std::fs::write(&path, text).unwrap();
            assert_eq!(WindowPlace::load(&path), Some(expected), "{text}");
        }
    }
}
