//! `civic-canvas measure`: the real window under Xvfb (Mesa's software renderer), for a second
//! of panning, as a smoke test. The times are not checked: they belong to the machine, and the
//! README quotes them with their conditions.
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
        let mut server = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1920x1080x24",
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
