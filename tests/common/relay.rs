//! A relay of the test's own (`relay/server.mjs`) on 127.0.0.1, for tests of live sessions.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command as Process, Stdio};

/// A relay of our own, stopped when dropped (and when this test process ends, as it stops when
/// its standard input closes).
pub struct Relay {
    child: Child,
    /// The port it listens on.
    pub port: u16,
}

impl Relay {
    /// Starts a relay on `port` (0: any free port) and waits until it listens.
    pub fn start(port: u16) -> Self {
        Self::start_with(port, &[])
    }

    /// Starts a relay with more options (`--token SECRET`, say).
    pub fn start_with(port: u16, options: &[&str]) -> Self {
        let mut child = Process::new("node")
            .args(["relay/server.mjs", "--stop-with-stdin", "--port"])
            .arg(port.to_string())
            .args(options)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("node runs (the README's test command installs it)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .rsplit(':')
            .next()
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| {
                panic!("the relay did not start: {line:?} (run npm ci --prefix relay)")
            });
        Self { child, port }
    }

    /// The address of `room` on this relay.
    pub fn url(&self, room: &str) -> String {
        format!("ws://127.0.0.1:{}/{room}", self.port)
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
