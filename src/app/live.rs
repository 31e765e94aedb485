//! The live session of the open board: starting one on a relay, joining one from its link,
//! sending this window's changes, and taking in colleagues' changes a little at a time each
//! paint, through the document's gateway.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use super::CivicCanvasApp;
use super::panels::Steps;
use super::people::People;
use crate::document::Document;
use crate::edit::{Changed, Origin};
use crate::live::{
    Connection, Incoming, KeptSession, MAX_KEPT_BYTES, SharedBoard, Status, kept_path,
};
use crate::storage;
use crate::ui::dialogs::{LivePurpose, Modal, QrPicture};

/// How long one paint may spend taking in colleagues' changes; the rest waits for the next.
const BUDGET: Duration = Duration::from_millis(4);

/// A room id: 128 random bits, as 32 hexadecimal digits.
const ROOM_DIGITS: usize = 32;

/// The open board's live session.
pub(super) struct Live {
    shared: SharedBoard,
    pub(super) link: Connection,
    /// The link colleagues join with: the relay's public address when it announced one.
    join_link: String,
    /// The link this window connects with.
    url: String,
    status: Status,
    /// Changes made here since the relay was last reached: they go out when it is back.
    waiting: usize,
    /// Who else is in the room, and what this window shares of itself.
    pub(super) people: People,
}

impl std::fmt::Debug for Live {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Live({})", self.join_link)
    }
}

/// What the status bar shows of the live session.
#[derive(Debug)]
pub struct LiveBadge {
    /// "Live", or what keeps it from being live right now.
    pub text: String,
    /// The join link, and why the relay cannot be reached when it cannot.
    pub tooltip: String,
    /// Whether changes are going both ways now.
    pub connected: bool,
}

/// A relay address or join link, taken apart.
#[derive(Debug, PartialEq, Eq)]
struct Address {
    /// `ws://host:port`, without a path.
    relay: String,
    /// The room, for a join link.
    room: Option<String>,
    /// `?token=…` or empty.
    query: String,
}

impl Address {
    /// Reads a relay address (`room` absent) or a join link (`room` required); says what is
    /// wrong in words a facilitator can act on.
    fn parse(text: &str, want_room: bool) -> Result<Self, String> {
        let text = text.trim();
        if text.starts_with("wss://") {
            return Err(
                "Secure (wss://) relays are not supported yet; use a ws:// address.".to_owned(),
            );
        }
        let Some(rest) = text.strip_prefix("ws://") else {
            return Err(format!(
                "“{text}” is not a relay address: it should start with ws://, like \
                 ws://127.0.0.1:1234"
            ));
        };
        let (rest, query) = match rest.split_once('?') {
            Some((rest, query)) => (rest, format!("?{query}")),
            None => (rest, String::new()),
        };
        let (host, path) = match rest.split_once('/') {
            Some((host, path)) => (host, path.trim_end_matches('/')),
            None => (rest, ""),
        };
        if host.is_empty() || host.contains(char::is_whitespace) {
            return Err(format!("“{text}” names no relay computer."));
        }
        let room = match (path.is_empty(), want_room) {
            (true, false) => None,
            (false, true) if is_room(path) => Some(path.to_owned()),
            (true | false, true) => {
                return Err(format!(
                    "“{text}” is not a join link: it should end with the room, 32 or more \
                     letters and digits after the relay address."
                ));
            }
            (false, false) => {
                return Err(format!(
                    "“{text}” has a path; give the relay's address alone, like ws://{host}."
                ));
            }
        };
        Ok(Self {
            relay: format!("ws://{host}"),
            room,
            query,
        })
    }

    fn url(&self, room: &str) -> String {
        format!("{}/{room}{}", self.relay, self.query)
    }

    /// The participant page of `room`, which the relay serves.
    fn page(&self, room: &str) -> String {
        let host = self.relay.trim_start_matches("ws://");
        format!("http://{host}/join/{room}{}", self.query)
    }

    /// Whether only this computer can reach the relay.
    fn is_local(&self) -> bool {
        let host = self.relay.trim_start_matches("ws://");
        host.starts_with("127.") || host.starts_with("localhost") || host.starts_with("[::1]")
    }
}

fn is_room(text: &str) -> bool {
    (ROOM_DIGITS..=64).contains(&text.len()) && text.chars().all(|c| c.is_ascii_alphanumeric())
}

/// `text` as a QR code (error correction M, the usual for screens); a blank picture for text
/// too long for one, which a join link never is.
fn qr_picture(text: &str) -> QrPicture {
    match qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M) {
        Ok(code) => QrPicture {
            width: code.width(),
            dark: code
                .to_colors()
                .into_iter()
                .map(|color| color == qrcode::Color::Dark)
                .collect(),
        },
        Err(_) => QrPicture {
            width: 1,
            dark: vec![false],
        },
    }
}

/// A new room id from the system's randomness.
fn new_room() -> Result<String, String> {
    let mut bits = [0u8; ROOM_DIGITS / 2];
    getrandom::fill(&mut bits).map_err(|e| format!("no randomness for a room id: {e}"))?;
    Ok(bits.iter().fold(String::new(), |mut hex, byte| {
        let _ = write!(hex, "{byte:02x}");
        hex
    }))
}

impl Live {
    /// Connects to the room at `url` with `shared`; `facilitator` when this window starts the
    /// session.
    fn open(ctx: &egui::Context, shared: SharedBoard, url: &str, facilitator: bool) -> Self {
        let wake = ctx.clone();
        let link = Connection::open(url, shared.state(), move || wake.request_repaint());
        Self {
            shared,
            link,
            join_link: url.to_owned(),
            url: url.to_owned(),
            status: Status::Connecting,
            waiting: 0,
            people: People::new(facilitator),
        }
    }

    /// The badge for the status bar.
    pub(super) fn badge(&self) -> LiveBadge {
        let waiting = match self.waiting {
            0 => String::new(),
            1 => ", 1 change waiting".to_owned(),
            n => format!(", {n} changes waiting"),
        };
        let text = match &self.status {
            Status::Connecting => format!("Live: connecting…{waiting}"),
            Status::Connected => "Live".to_owned(),
            Status::Offline(_) => format!("Live: offline{waiting}"),
        };
        let mut tooltip = format!("Colleagues join with {}", self.join_link);
        if let Status::Offline(why) = &self.status {
            tooltip = format!(
                "{why}. Changes made here are kept and sent when the relay is back.\n{tooltip}"
            );
        }
        LiveBadge {
            text,
            tooltip,
            connected: self.status == Status::Connected,
        }
    }

    /// The link colleagues join with.
    pub(super) fn join_link(&self) -> &str {
        &self.join_link
    }

    /// Takes the address the relay says others reach it at (`--public-url`): the join link
    /// uses it from now on. Returns the new participant page, when the link changed.
    fn use_public_address(&mut self, public: &str) -> Result<Option<String>, String> {
        let current = Address::parse(&self.join_link, true)?;
        let public = Address::parse(public, false)
            .map_err(|why| format!("the relay announced an address that cannot be used: {why}"))?;
        let room = current.room.unwrap_or_default();
        if public.relay == current.relay {
            return Ok(None);
        }
        let public = Address {
            query: current.query,
            ..public
        };
        self.join_link = public.url(&room);
        Ok(Some(public.page(&room)))
    }

    /// Sends a change made at this window, as one step of its undo while live.
    pub(super) fn share(&mut self, doc: &Document, changed: &Changed) {
        let label = doc.history().undo_label().unwrap_or("Change");
        let update = self.shared.write_step(doc.board(), changed, label);
        if !update.is_empty() && self.status != Status::Connected {
            self.waiting += 1;
        }
        self.link.send(update);
    }
}

/// A live session to start or join as the window opens (from the command line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LiveStart {
    /// Share the board on the relay at this address, and print the join link.
    Share(String),
    /// Join the session with this link.
    Join(String),
}

impl CivicCanvasApp {
    /// Starts or joins a live session as asked on the command line; a session started here
    /// prints its join link on standard output, for scripts and desktop shortcuts.
    pub fn start_live_from_command_line(&mut self, ctx: &egui::Context, start: &LiveStart) {
        match start {
            LiveStart::Share(relay) => {
                self.start_live(ctx, relay);
                if let Some(link) = self.live_link() {
                    // For scripts and desktop shortcuts: the link is what they are after.
                    let _ = writeln!(std::io::stdout().lock(), "{link}");
                }
            }
            LiveStart::Join(link) => self.join_live(ctx, link),
        }
    }

    /// Shares the open board on the relay at `relay`: a new room, seeded with the board.
    pub(super) fn start_live(&mut self, ctx: &egui::Context, relay: &str) {
        self.commit_typing();
        let started = Address::parse(relay, false).and_then(|address| {
            let room = new_room()?;
            Ok((address.url(&room), address.page(&room), address.is_local()))
        });
        match started {
            Ok((url, page, local)) => {
                let shared = SharedBoard::seeded(self.session.doc.board());
                let live = Live::open(ctx, shared, &url, true);
                ctx.copy_text(url.clone());
                let reach = if local {
                    "The relay listens on this computer only, so only this computer can join. To \
                     let others join, run the relay with --lan and use this computer's network \
                     address."
                } else {
                    ""
                };
                self.shell.modal = Some(Modal::LiveStarted {
                    qr: qr_picture(&page),
                    link: url,
                    page,
                    reach: reach.to_owned(),
                });
                self.session.live = Some(live);
            }
            Err(why) => self.show_error("The live session could not start", why),
        }
    }

    /// Joins the live session at `link`, in place of the open board.
    pub(super) fn join_live(&mut self, ctx: &egui::Context, link: &str) {
        self.commit_typing();
        if self.session.doc.is_dirty() {
            self.show_error(
                "Save this board first",
                "Joining opens the shared board in place of this one. Save this board \
                 (File menu, Save) or start a new one, then join.",
            );
            return;
        }
        match Address::parse(link, true) {
            Ok(address) => {
                let room = address.room.clone().unwrap_or_default();
                let live = Live::open(ctx, SharedBoard::new(), &address.url(&room), false);
                self.replace_document(Document::untitled());
                self.session.live = Some(live);
                self.set_status("Joining the live session…");
            }
            Err(why) => self.show_error("That link cannot be joined", why),
        }
    }

    /// Keeps the live session's shared state beside the board file just saved at `board`, so
    /// that opening the board again rejoins it, with whatever could not be sent yet.
    pub(super) fn keep_session(&mut self, board: &Path) {
        let Some(live) = &self.session.live else {
            return;
        };
        let kept = KeptSession {
            link: live.url.clone(),
            state: live.shared.state(),
        };
        if let Err(error) = storage::write_file_atomically(&kept_path(board), &kept.encode()) {
            self.set_status(format!(
                "Saved, but the live session could not be kept beside the board: {error}"
            ));
        }
    }

    /// Looks for a live session kept beside the board just opened from `board`, to rejoin it.
    pub(super) fn find_kept_session(&mut self, board: &Path) {
        let path = kept_path(board);
        let Ok(metadata) = std::fs::metadata(&path) else {
            return;
        };
        let read = if metadata.len() > MAX_KEPT_BYTES {
            Err("it is larger than a board may be".to_owned())
        } else {
            std::fs::read(&path)
                .map_err(|e| storage::plain_io_error(&e))
                .and_then(|bytes| KeptSession::decode(&bytes))
        };
        match read {
            Ok(kept) => self.session.rejoin = Some(kept),
            Err(why) => self.show_error(
                "The live session kept with this board cannot be rejoined",
                format!(
                    "{} cannot be read: {why}.\n\nThe board is open here, not shared. Start a \
                     live session to share it again.",
                    path.display()
                ),
            ),
        }
    }

    /// Rejoins a kept session: what it holds merges with the board as opened, and with the
    /// room's when the relay is reached.
    fn rejoin(&mut self, ctx: &egui::Context, kept: &KeptSession) {
        match SharedBoard::from_state(&kept.state) {
            Ok(mut shared) => {
                // The file may have been changed without the session (by a script, say).
                shared.write_board(self.session.doc.board());
                self.session.live = Some(Live::open(ctx, shared, &kept.link, false));
                self.set_status("Rejoined the live session this board was saved in");
            }
            Err(error) => self.show_error(
                "The kept live session cannot be rejoined",
                error.to_string(),
            ),
        }
    }

    /// Stops sharing; the board stays as it is.
    pub(super) fn leave_live(&mut self) {
        if let Some(path) = self.session.doc.path() {
            // Opening the board again must not rejoin a session that was left.
            let _ = std::fs::remove_file(kept_path(path));
        }
        if self.session.live.take().is_some() {
            // Steps made while live were undone in the session; replayed now, they could take
            // back colleagues' work.
            self.session.doc.forget_history();
            self.set_status("Left the live session; the board stays here as it is");
        }
    }

    /// Asks for a relay address or a join link.
    pub(super) fn ask_live_address(&mut self, purpose: LivePurpose) {
        let text = match purpose {
            LivePurpose::Start => "ws://127.0.0.1:1234".to_owned(),
            LivePurpose::Join => String::new(),
        };
        self.shell.modal = Some(Modal::LiveAddress { purpose, text });
    }

    /// Sends a change made at this window to the live session, if there is one.
    pub(super) fn share(&mut self, changed: &Changed) {
        if let Some(live) = &mut self.session.live {
            live.share(&self.session.doc, changed);
        }
    }

    /// Takes in what the live session has, within this paint's budget, and shows colleagues'
    /// changes through the gateway as one change outside the undo history.
    pub(super) fn take_live(&mut self, ctx: &egui::Context) {
        if let Some(kept) = self.session.rejoin.take() {
            self.rejoin(ctx, &kept);
        }
        let Some(live) = &mut self.session.live else {
            return;
        };
        let start = Instant::now();
        let mut changed = false;
        let mut message = None;
        while start.elapsed() < BUDGET {
            let Some(incoming) = live.link.try_recv() else {
                break;
            };
            match incoming {
                Incoming::Update(update) => match live.shared.apply_remote(&update) {
                    Ok(()) => changed = true,
                    Err(error) => message = Some(error.to_string()),
                },
                Incoming::Status(status) => {
                    if status == Status::Connected {
                        // Connecting sends the relay whatever it lacks.
                        live.waiting = 0;
                    }
                    live.status = status;
                }
                Incoming::Refused(why) => {
                    message = Some(format!("A change from the live session was refused: {why}"));
                }
                Incoming::PublicAddress(public) => match live.use_public_address(&public) {
                    Ok(Some(page)) => {
                        // The dialog showing the link, if still open, shows the new one.
                        if let Some(Modal::LiveStarted {
                            link,
                            page: shown,
                            reach,
                            qr,
                        }) = &mut self.shell.modal
                        {
                            link.clone_from(&live.join_link);
                            *qr = qr_picture(&page);
                            *shown = page;
                            reach.clear();
                            ctx.copy_text(live.join_link.clone());
                        }
                    }
                    Ok(None) => {}
                    Err(why) => message = Some(why),
                },
                Incoming::People(people) => {
                    if let Some(name) = live.people.take(people) {
                        message = Some(format!(
                            "{name} brought everyone to their view: you follow it until you \
                             move the view yourself"
                        ));
                    }
                }
            }
        }
        if start.elapsed() >= BUDGET {
            ctx.request_repaint();
        }
        let was_empty = self.session.doc.board().is_empty();
        if changed
            && let Some(changes) = live.shared.changes_to(self.session.doc.board())
            && let Err(error) = self.session.doc.apply(changes, Origin::Remote)
        {
            live.shared.resync();
            message = Some(format!("Colleagues' changes could not be shown: {error}"));
        }
        if was_empty && !self.session.doc.board().is_empty() {
            // A board just joined is shown whole, as a board just opened is.
            self.canvas.request_fit();
            message = message.or_else(|| Some("Joined the live session".to_owned()));
        }
        if let Some(message) = message {
            self.set_status(message);
        }
    }

    /// Undo (or redo) while live: only this window's own last step is taken back, whatever
    /// colleagues changed since; the result reaches the board through the gateway.
    pub(super) fn live_undo(&mut self, undo: bool) {
        let Some(live) = &mut self.session.live else {
            return;
        };
        let update = if undo {
            live.shared.undo()
        } else {
            live.shared.redo()
        };
        let Some(update) = update else { return };
        live.link.send(update);
        if let Some(changes) = live.shared.changes_to(self.session.doc.board())
            && let Err(error) = self.session.doc.apply(changes, Origin::Remote)
        {
            live.shared.resync();
            self.set_status(format!("That step could not be shown: {error}"));
        }
    }

    /// What Undo and Redo would do now: while live, this window's steps in the session.
    pub(super) fn steps(&self) -> Steps {
        match &self.session.live {
            Some(live) => Steps {
                undo: live.shared.undo_label(),
                redo: live.shared.redo_label(),
                live: true,
            },
            None => Steps {
                undo: self.session.doc.history().undo_label(),
                redo: self.session.doc.history().redo_label(),
                live: false,
            },
        }
    }

    /// The live session's badge, when there is one.
    pub(super) fn live_badge(&self) -> Option<LiveBadge> {
        self.session.live.as_ref().map(Live::badge)
    }

    /// The link colleagues join this board's live session with, when it is shared.
    pub fn live_link(&self) -> Option<&str> {
        self.session.live.as_ref().map(Live::join_link)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_links_are_read_or_refused_with_a_reason() {
        let relay = Address::parse(" ws://127.0.0.1:1234 ", false).unwrap();
        assert_eq!(relay.relay, "ws://127.0.0.1:1234");
        assert!(relay.is_local());
        let room = "0123456789abcdef0123456789abcdef";
        let link = Address::parse(&format!("ws://10.0.0.5:1234/{room}?token=s3"), true).unwrap();
        assert_eq!(link.room.as_deref(), Some(room));
        assert_eq!(
            link.url(room),
            format!("ws://10.0.0.5:1234/{room}?token=s3")
        );
        assert!(!link.is_local());
        assert_eq!(
            link.page(room),
            format!("http://10.0.0.5:1234/join/{room}?token=s3")
        );
        for bad in [
            "http://example.org",
            "ws://",
            "wss://relay.example.org",
            "ws://127.0.0.1:1234/short",
        ] {
            assert!(Address::parse(bad, true).is_err(), "{bad}");
        }
        assert!(Address::parse(&format!("ws://h:1/{room}"), false).is_err());
        assert!(Address::parse("ws://h:1", true).is_err());
    }

    #[test]
    fn the_badge_counts_changes_made_while_the_relay_is_away() {
        use crate::edit::Command;
        // Port 9 (discard) on this computer: nothing answers, so the session stays offline.
        let url = "ws://127.0.0.1:9/0123456789abcdef0123456789abcdef";
        let mut live = Live::open(&egui::Context::default(), SharedBoard::new(), url, true);
        live.status = Status::Offline("the relay cannot be reached".into());
        let mut doc = Document::untitled();
        for title in ["Kick-off", "Kick-off, day 2"] {
            let changed = doc
                .apply(Command::SetTitle(title.into()), Origin::Local)
                .unwrap();
            live.share(&doc, &changed);
        }
        let badge = live.badge();
        assert_eq!(badge.text, "Live: offline, 2 changes waiting");
        assert!(!badge.connected);
        assert!(badge.tooltip.contains("cannot be reached") && badge.tooltip.contains(url));
    }

    #[test]
    fn the_participant_page_is_a_qr_code_with_its_finder_squares() {
        let page = "http://192.168.1.20:1234/join/0123456789abcdef0123456789abcdef";
        let qr = qr_picture(page);
        assert!((25..=57).contains(&qr.width), "{}", qr.width);
        assert_eq!(qr.dark.len(), qr.width * qr.width);
        // The top-left finder square: a dark ring 7 modules wide around a light one.
        let dark = |row: usize, column: usize| qr.dark[row * qr.width + column];
        assert!((0..7).all(|i| dark(0, i) && dark(6, i) && dark(i, 0) && dark(i, 6)));
        assert!((1..6).all(|i| !dark(1, i) && !dark(5, i)));
        assert!(dark(3, 3));
    }

    #[test]
    fn rooms_are_32_random_hex_digits() {
        let (a, b) = (new_room().unwrap(), new_room().unwrap());
        assert_ne!(a, b);
        assert!(is_room(&a) && a.len() == 32);
    }
}
