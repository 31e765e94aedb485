//! `civic-canvas measure`: the real window under Xvfb (Mesa's software renderer), for a second
//! of panning, as a smoke test. The times are not checked: they belong to the machine, and the
//! README quotes them with their conditions.
//!
//! Also the real window's own drawing of the example board at 100% against the PNG export of
//! the board: the same boxes, nearly the same pixels.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn kickoff() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("saved_boards/kickoff.ron")
}

/// An X server of its own, stopped when dropped.
struct Xvfb {
    server: Child,
    display: String,
}

impl Xvfb {
    /// Starts Xvfb on a free display (it picks one and says which).
    fn start() -> Self {
        Self::with_screen("1920x1080x24")
    }

    /// Starts Xvfb with a screen of this size and depth (`WxHxD`).
    fn with_screen(screen: &str) -> Self {
        let mut server = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                screen,
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb is needed for this test: scripts/setup-linux.sh test installs it");
        let mut line = String::new();
        BufReader::new(server.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let number: u32 = line.trim().parse().expect("Xvfb names its display");
        Self {
            server,
            display: format!(":{number}"),
        }
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// Runs `civic-canvas` with `args` and waits at most `limit` for it; `None` if it ran over.
fn run_bounded(
    args: &[&str],
    display: Option<&str>,
    limit: Duration,
) -> Option<std::process::Output> {
    let data = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_civic-canvas"));
    command
        .args(args)
        .env("CIVIC_CANVAS_DATA_DIR", data.path())
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    match display {
        Some(display) => command.env("DISPLAY", display),
        None => command.env_remove("DISPLAY"),
    };
    let mut child = command.spawn().unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(child.wait_with_output().unwrap())
}

/// The number after `"key":` in a flat JSON object.
fn number(json: &str, key: &str) -> f64 {
    let start = json.find(&format!("\"{key}\":")).unwrap() + key.len() + 3;
    let rest = &json[start..];
    let end = rest.find([',', '}']).unwrap();
    rest[..end].parse().unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn measure_pans_the_example_board_in_a_real_window_and_reports() {
    let xvfb = Xvfb::start();
    let board = kickoff();
    let output = run_bounded(
        &[
            "measure",
            board.to_str().unwrap(),
            "--seconds",
            "1",
            "--size",
            "800x500",
            "--json",
        ],
        Some(&xvfb.display),
        Duration::from_secs(90),
    )
    .expect("measure finished within 90 s");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "stdout: {stdout}\nstderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json = stdout.trim();
    assert_eq!(number(json, "width"), 800.0);
    assert_eq!(number(json, "height"), 500.0);
    assert_eq!(number(json, "items"), 20.0);
    assert!(number(json, "frames") >= 5.0, "{json}");
    for key in [
        "first_frame_s",
        "median_ms",
        "p95_ms",
        "p99_ms",
        "fps",
        "zoom_step_ms",
    ] {
        assert!(number(json, key) > 0.0, "{key} in {json}");
    }
    assert!(number(json, "median_ms") <= number(json, "p95_ms"));
    assert!(number(json, "p95_ms") <= number(json, "p99_ms"));
    // The window got the pointer moves and key strokes: a paint that reads input asks egui for
    // another (a wake-up with no input paints once).
    for event in ["pointer_move", "key_stroke"] {
        let at = json.find(&format!("\"{event}\":")).unwrap();
        assert!(number(&json[at..], "frames") >= 2.0, "{event} in {json}");
    }
    assert!(number(json, "peak_memory_bytes") > 1_000_000.0);
}

#[test]
fn measure_says_why_a_board_does_not_open_without_opening_a_window() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(format: 4, title: ").unwrap();
    let missing = dir.path().join("missing.ron");
    for file in [&broken, &missing] {
        let output = run_bounded(
            &["measure", file.to_str().unwrap()],
            None,
            Duration::from_secs(30),
        )
        .unwrap();
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(file.file_name().unwrap().to_str().unwrap()),
            "{stderr}"
        );
    }
}

#[test]
fn measure_refuses_sizes_and_times_it_cannot_use() {
    let board = kickoff();
    for (flag, value, says) in [
        ("--size", "1600", "WIDTHxHEIGHT"),
        ("--size", "10x10", "out of range"),
        ("--seconds", "soon", "not a number"),
        ("--seconds", "0", "out of range"),
    ] {
        let output = run_bounded(
            &["measure", board.to_str().unwrap(), flag, value],
            None,
            Duration::from_secs(30),
        )
        .unwrap();
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(says), "{flag} {value}: {stderr}");
    }
}

/// The box of the pixels of `image` close to `color` (within `tolerance` on every channel) at or
/// below row `from_row`: (left, top, right, bottom).
fn box_of_color(
    image: &image::RgbaImage,
    color: [u8; 3],
    tolerance: u8,
    from_row: u32,
) -> (u32, u32, u32, u32) {
    let mut found = (u32::MAX, u32::MAX, 0, 0);
    for (x, y, pixel) in image.enumerate_pixels() {
        let near = pixel
            .0
            .iter()
            .zip(color)
            .all(|(&a, b)| a.abs_diff(b) <= tolerance);
        if y >= from_row && near {
            found = (
                found.0.min(x),
                found.1.min(y),
                found.2.max(x),
                found.3.max(y),
            );
        }
    }
    assert!(found.0 <= found.2, "no pixel of {color:?}");
    found
}

/// Where an edge is crossed going from `from` towards `to` (exclusive) along one line: the first
/// pixel differing from the one at `from` by more than 60 over its three channels.
fn edge(image: &image::RgbaImage, from: (i64, i64), to: (i64, i64)) -> Option<i64> {
    let at = |(x, y): (i64, i64)| {
        image
            .get_pixel_checked(u32::try_from(x).ok()?, u32::try_from(y).ok()?)
            .copied()
    };
    let outside = at(from)?;
    let steps = (to.0 - from.0).abs().max((to.1 - from.1).abs());
    (0..steps).find_map(|step| {
        let point = (
            from.0 + (to.0 - from.0).signum() * step,
            from.1 + (to.1 - from.1).signum() * step,
        );
        let pixel = at(point)?;
        let difference: u32 = pixel
            .0
            .iter()
            .zip(outside.0)
            .take(3)
            .map(|(&a, b)| u32::from(a.abs_diff(b)))
            .sum();
        (difference > 60).then_some(step)
    })
}

#[cfg(target_os = "linux")]
#[test]
fn the_png_export_matches_the_real_window_drawing_the_board_at_100_percent() {
    use civic_canvas::export::picture::{self, Background, Region};

    let xvfb = Xvfb::with_screen("2560x1600x24");
    let dir = tempfile::tempdir().unwrap();
    let shot = dir.path().join("window.png");
    let board_path = kickoff();
    let output = run_bounded(
        &[
            board_path.to_str().unwrap(),
            "--screenshot",
            shot.to_str().unwrap(),
            "--size",
            "2400x1500",
            "--view",
            "100",
        ],
        Some(&xvfb.display),
        Duration::from_secs(90),
    )
    .expect("the screenshot was taken within 90 s");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let window = image::open(&shot).unwrap().to_rgba8();

    let board = civic_canvas::storage::load_board(&board_path).unwrap();
    let png = picture::png(&board, &Region::Board, 1.0, Background::Transparent)
        .unwrap()
        .bytes;
    let export = on_canvas_background(image::load_from_memory(&png).unwrap().to_rgba8());

    // Line the two up by the frames' dark title strips (below the window's menu and toolbar).
    let strip = [0x2e, 0x3a, 0x4e];
    let in_window = box_of_color(&window, strip, 6, 100);
    let in_export = box_of_color(&export, strip, 6, 0);
    let offset = (
        i64::from(in_window.0) - i64::from(in_export.0),
        i64::from(in_window.1) - i64::from(in_export.1),
    );
    let spans = |b: (u32, u32, u32, u32)| (i64::from(b.2 - b.0), i64::from(b.3 - b.1));
    let (window_span, export_span) = (spans(in_window), spans(in_export));
    assert!(
        (window_span.0 - export_span.0).abs() <= 2 && (window_span.1 - export_span.1).abs() <= 2,
        "the strips span {window_span:?} pixels in the window, {export_span:?} in the export"
    );

    // Every item's edges are where the export has them, within 2 pixels.
    let origin = picture::area(&board, &Region::Board).unwrap().min;
    for item in board.items() {
        let rect = item.rect();
        let left = (rect.min.x - origin.x).round() as i64;
        let top = (rect.min.y - origin.y).round() as i64;
        let right = (rect.max.x - origin.x).round() as i64;
        let bottom = (rect.max.y - origin.y).round() as i64;
        let (mid_x, mid_y) = (i64::midpoint(left, right), i64::midpoint(top, bottom));
        let shifted = |(x, y): (i64, i64)| (x + offset.0, y + offset.1);
        for (from, to) in [
            ((left - 8, mid_y), (left + 8, mid_y)),
            ((right + 8, mid_y), (right - 8, mid_y)),
            ((mid_x, top - 8), (mid_x, top + 8)),
            ((mid_x, bottom + 8), (mid_x, bottom - 8)),
        ] {
            let exported = edge(&export, from, to);
            let drawn = edge(&window, shifted(from), shifted(to));
            let (Some(exported), Some(drawn)) = (exported, drawn) else {
                panic!(
                    "an edge of {:?} not found: export {exported:?}, window {drawn:?}",
                    item.text()
                );
            };
            assert!(
                (exported - drawn).abs() <= 2,
                "{:?}: edge at {exported} in the export, {drawn} in the window",
                item.text()
            );
        }
    }

    // Nearly the same pixels over the board: the mean difference per channel at most 8 of 255.
    let mean = mean_difference(&export, &window, offset);
    assert!(mean <= 8.0, "mean difference {mean:.2} of 255 per channel");
    eprintln!("mean difference per channel: {mean:.2} of 255");
}

/// A transparent export laid on the canvas's own background, as the window shows the board.
fn on_canvas_background(mut export: image::RgbaImage) -> image::RgbaImage {
    let background = civic_canvas::ui::theme::CANVAS_BACKGROUND;
    let under = [background.r(), background.g(), background.b()];
    for pixel in export.pixels_mut() {
        let alpha = u32::from(pixel.0[3]);
        for (channel, under) in pixel.0.iter_mut().zip(under) {
            let over = u32::from(*channel);
            *channel =
                u8::try_from((over * alpha + u32::from(under) * (255 - alpha)) / 255).unwrap();
        }
        pixel.0[3] = 255;
    }
    export
}

/// The mean difference per colour channel between `export` and `window`, where the export's
/// pixel (x, y) is the window's (x, y) + `offset`, over the export's pixels in the window.
fn mean_difference(
    export: &image::RgbaImage,
    window: &image::RgbaImage,
    offset: (i64, i64),
) -> f64 {
    let mut total = 0u64;
    let mut count = 0u64;
    for (x, y, pixel) in export.enumerate_pixels() {
        let (wx, wy) = (i64::from(x) + offset.0, i64::from(y) + offset.1);
        let Some(drawn) = window.get_pixel_checked(
            u32::try_from(wx).unwrap_or(u32::MAX),
            u32::try_from(wy).unwrap_or(u32::MAX),
        ) else {
            continue;
        };
        for (&a, b) in pixel.0.iter().zip(drawn.0).take(3) {
            total += u64::from(a.abs_diff(b));
        }
        count += 3;
    }
    assert!(
        count > 3 * 1_000_000,
        "the board is in the window ({count} values)"
    );
    total as f64 / count as f64
}
