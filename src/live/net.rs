//! The connection to a relay: a thread of its own that speaks the standard y-websocket protocol
//! (sync step 1 and 2, then updates) with any Yjs relay, so the window never waits for the
//! network.
//!
//! The thread keeps everything it has seen of the shared document as Yjs updates, merged into
//! one now and then ([`Seen`]): far less memory than a second copy of the document. Changes made
//! at the window reach it as updates ([`Connection::send`]), are kept and sent on; what the
//! relay sends is kept and handed to the window ([`Connection::try_recv`]), which is woken to
//! take it. While the relay cannot be reached, the window's changes collect there; on every
//! (re)connection the two sides tell each other what they have, and each sends what the other
//! lacks, so edits made offline merge as soon as the relay is back.
//!
//! The thread also keeps the room's presence (standard Yjs awareness): it sends this window's
//! state when it changes and renews it every [`RENEW`], hands the window the list of people in
//! the room whenever it changes, and forgets a person whose state was not renewed for
//! [`OUTDATED`], as every Yjs client does.

use std::io::ErrorKind;
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tungstenite::HandshakeError;
use tungstenite::protocol::WebSocketConfig;
use tungstenite::{Message as Frame, WebSocket};
use yrs::encoding::write::Write as _;
use yrs::sync::awareness::ClientState;
use yrs::sync::{Awareness, Message, MessageReader, SyncMessage};
use yrs::updates::decoder::{Decode, DecoderV1};
use yrs::updates::encoder::Encode;
use yrs::{Doc, OffsetKind, Options, StateVector, Update};

use super::MAX_UPDATE_BYTES;
use super::presence::{Peer, Presence};

/// How long the thread waits for the relay before looking for the window's changes.
const POLL: Duration = Duration::from_millis(20);
/// How long reaching the relay's computer, and then the relay's answer, may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// The longest wait between two tries to reach the relay.
const MAX_RETRY: Duration = Duration::from_secs(5);
/// How often this window's presence is sent again when nothing changed.
pub const RENEW: Duration = Duration::from_secs(15);
/// How long another client's presence lasts without being renewed.
pub const OUTDATED: Duration = Duration::from_secs(30);
/// The handshake header in which the relay names the address others reach it at.
const PUBLIC_ADDRESS_HEADER: &str = "x-civic-canvas-public-url";
/// How often presence is checked for people gone quiet.
const EXPIRY_CHECK: Duration = Duration::from_secs(1);

/// How the connection stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Reaching the relay (the first time, or again after losing it).
    Connecting,
    /// In the room: changes go both ways.
    Connected,
    /// The relay cannot be reached or closed the connection; trying again shortly.
    Offline(String),
}

/// What the connection hands to the window.
#[derive(Clone, Debug, PartialEq)]
pub enum Incoming {
    /// An update from colleagues, to apply to the window's shared board.
    Update(Vec<u8>),
    /// The connection changed.
    Status(Status),
    /// Something the relay sent was refused; the session goes on.
    Refused(String),
    /// The other people in the room now (everyone but this window), in a stable order.
    People(Vec<Peer>),
    /// The address others reach the relay at, as the relay announced it (`--public-url`):
    /// unchecked text from the network.
    PublicAddress(String),
}

enum Outgoing {
    Update(Vec<u8>),
    Presence(String),
    Stop,
}

/// A live connection to one room of a relay.
pub struct Connection {
    /// This window's id in the room's presence.
    client: u64,
    to_thread: Sender<Outgoing>,
    from_thread: Receiver<Incoming>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Connection")
    }
}

impl Connection {
    /// Starts connecting to the room at `url` (`ws://HOST:PORT/ROOM`, with `?token=…` when the
    /// relay asks for one), beginning with the shared board's whole state `state`. `wake` is
    /// called (from the connection's thread) whenever there is something to take.
    pub fn open(url: &str, state: Vec<u8>, wake: impl Fn() + Send + 'static) -> Self {
        let (to_thread, commands) = mpsc::channel();
        let (events, from_thread) = mpsc::channel();
        // Presence needs a document only for its client id.
        let presence = Doc::with_options(Options {
            offset_kind: OffsetKind::Utf16,
            ..Options::default()
        });
        let client = presence.client_id().get();
        let seen = Seen::new(state);
        let url = url.to_owned();
        let thread = std::thread::Builder::new()
            .name("live session".into())
            .spawn(move || {
                let started = Instant::now();
                let awareness = Awareness::with_clock(presence, move || millis(started.elapsed()));
                Link {
                    url,
                    seen,
                    awareness,
                    started,
                    renewed: started,
                    checked: started,
                    shown: Vec::new(),
                    commands,
                    events,
                    wake: Box::new(wake),
                }
                .run();
            })
            .ok();
        Self {
            client,
            to_thread,
            from_thread,
            thread,
        }
    }

    /// Sends a change made at the window (an update from
    /// [`super::SharedBoard::write_changes`]); kept until the relay can be reached.
    pub fn send(&self, update: Vec<u8>) {
        if !update.is_empty() {
            let _ = self.to_thread.send(Outgoing::Update(update));
        }
    }

    /// This window's id in the room's presence (which picks its colour).
    pub fn client(&self) -> u64 {
        self.client
    }

    /// Shares this window's presence with the room (sent when the relay can be reached, and
    /// renewed every [`RENEW`]).
    pub fn set_presence(&self, presence: &Presence) {
        let _ = self.to_thread.send(Outgoing::Presence(presence.to_json()));
    }

    /// The next thing the connection has for the window, if any.
    pub fn try_recv(&self) -> Option<Incoming> {
        self.from_thread.try_recv().ok()
    }
}

impl Drop for Connection {
    /// Tells the thread to stop, without waiting for it: it may be waiting for a relay that
    /// does not answer, and leaving a session must not wait with it. It ends by itself.
    fn drop(&mut self) {
        let _ = self.to_thread.send(Outgoing::Stop);
        drop(self.thread.take());
    }
}

/// Everything the thread has seen of the shared document, as the updates it came in: what to
/// send a relay that lacks some of it (after a restart, say). The thread never decodes the
/// whole board (that takes about as much memory as the document itself): the first update, the
/// board as the session began here, is kept as it came; the small ones after it are merged into
/// one now and then.
struct Seen {
    first: Vec<u8>,
    later: Vec<Vec<u8>>,
}

impl Seen {
    /// Later updates are merged when there are this many.
    const MERGE_AT: usize = 4096;

    fn new(first: Vec<u8>) -> Self {
        Self {
            first,
            later: Vec::new(),
        }
    }

    fn add(&mut self, update: Vec<u8>) {
        self.later.push(update);
        if self.later.len() >= Self::MERGE_AT {
            // An update that cannot be read (the window refused it too) is left out.
            self.later
                .retain(|update| Update::decode_v1(update).is_ok());
            if let Ok(merged) = yrs::merge_updates_v1(&self.later) {
                self.later = vec![merged];
            }
        }
    }

    /// Everything seen, as encoded messages: the first update as the answer to a relay's "what
    /// do you have", the rest as updates. A relay ignores what it has already. (Encoded here
    /// straight from the kept bytes: the first update is the whole board.)
    fn messages(&self) -> impl Iterator<Item = Vec<u8>> + '_ {
        std::iter::once(sync_message(SYNC_STEP_2, &self.first)).chain(
            self.later
                .iter()
                .map(|update| sync_message(SYNC_UPDATE, update)),
        )
    }
}

/// The y-websocket message kinds used by [`sync_message`].
const SYNC_STEP_2: u32 = 1;
const SYNC_UPDATE: u32 = 2;

/// A sync message of `kind` carrying `update`, encoded as `yrs::sync::Message` does.
fn sync_message(kind: u32, update: &[u8]) -> Vec<u8> {
    let mut message = Vec::with_capacity(update.len() + 12);
    message.write_var(0u32); // a sync message
    message.write_var(kind);
    message.write_buf(update);
    message
}

/// Milliseconds, as awareness counts time.
fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// The connection's side of the thread.
struct Link {
    url: String,
    /// Everything seen of the shared document.
    seen: Seen,
    /// The room's presence, this window's own included.
    awareness: Awareness,
    /// When the thread started: the zero of the awareness clock.
    started: Instant,
    /// When this window's presence was last sent.
    renewed: Instant,
    /// When presence was last checked for people gone quiet.
    checked: Instant,
    /// The people last handed to the window.
    shown: Vec<Peer>,
    commands: Receiver<Outgoing>,
    events: Sender<Incoming>,
    wake: Box<dyn Fn() + Send>,
}

/// Why a session with the relay ended.
enum End {
    Stop,
    Lost(String),
}

impl Link {
    fn run(&mut self) {
        let mut retry = Duration::from_millis(250);
        loop {
            self.tell(Incoming::Status(Status::Connecting));
            let end = match self.connect() {
                Ok(mut socket) => {
                    retry = Duration::from_millis(250);
                    self.tell(Incoming::Status(Status::Connected));
                    let end = self.session(&mut socket);
                    let _ = socket.close(None);
                    let _ = socket.flush();
                    end
                }
                Err(why) => End::Lost(why),
            };
            match end {
                End::Stop => return,
                End::Lost(why) => {
                    self.tell(Incoming::Status(Status::Offline(why)));
                    // Nobody can be seen while the relay is away.
                    self.forget_others();
                }
            }
            // Wait before trying again, taking the window's changes meanwhile.
            let until = Instant::now() + retry;
            while let Some(left) = until.checked_duration_since(Instant::now()) {
                match self.commands.recv_timeout(left) {
                    Ok(Outgoing::Update(update)) => self.take_local(&update),
                    Ok(Outgoing::Presence(json)) => self.awareness.set_local_state_raw(json),
                    Ok(Outgoing::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                    Err(RecvTimeoutError::Timeout) => break,
                }
            }
            retry = (retry * 2).min(MAX_RETRY);
        }
    }

    /// Opens the connection: at most [`CONNECT_TIMEOUT`] to reach the relay's computer, and as
    /// long again for the relay to answer, so that leaving a session never waits on a relay
    /// that does not answer.
    fn connect(&self) -> Result<WebSocket<TcpStream>, String> {
        let (socket, public) = self.handshake()?;
        if let Some(public) = public {
            self.tell(Incoming::PublicAddress(public));
        }
        Ok(socket)
    }

    /// Reaches the relay and opens the websocket; returns it with the public address the relay
    /// announced, if it did.
    fn handshake(&self) -> Result<(WebSocket<TcpStream>, Option<String>), String> {
        let unreachable = |why: String| format!("the relay cannot be reached ({why})");
        let authority = self
            .url
            .strip_prefix("ws://")
            .and_then(|rest| rest.split(['/', '?']).next())
            .filter(|authority| !authority.is_empty())
            .ok_or_else(|| unreachable("not a ws:// address".into()))?;
        let authority = if authority
            .rsplit_once(':')
            .is_some_and(|(_, port)| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))
        {
            authority.to_owned()
        } else {
            format!("{authority}:80")
        };
        let addresses = authority
            .to_socket_addrs()
            .map_err(|e| unreachable(e.to_string()))?;
        let mut last = "no address".to_owned();
        let stream = addresses
            .into_iter()
            .find_map(|address| {
                TcpStream::connect_timeout(&address, CONNECT_TIMEOUT)
                    .map_err(|e| last = e.to_string())
                    .ok()
            })
            .ok_or_else(|| unreachable(last))?;
        let _ = stream.set_nodelay(true);
        stream
            .set_read_timeout(Some(CONNECT_TIMEOUT))
            .map_err(|e| unreachable(e.to_string()))?;
        let config = WebSocketConfig::default()
            .max_message_size(Some(MAX_UPDATE_BYTES))
            .max_frame_size(Some(MAX_UPDATE_BYTES));
        let (socket, response) =
            tungstenite::client::client_with_config(self.url.as_str(), stream, Some(config))
                .map_err(|e| match e {
                    HandshakeError::Failure(tungstenite::Error::Http(response))
                        if response.status().as_u16() == 401 =>
                    {
                        "the relay refused the link: its token is missing or wrong (ask for the \
                     link again)"
                            .to_owned()
                    }
                    HandshakeError::Failure(tungstenite::Error::Http(response))
                        if response.status().as_u16() == 404 =>
                    {
                        "the relay has no such room (check the link)".to_owned()
                    }
                    other => unreachable(other.to_string()),
                })?;
        socket
            .get_ref()
            .set_read_timeout(Some(POLL))
            .map_err(|e| unreachable(e.to_string()))?;
        let public = response
            .headers()
            .get(PUBLIC_ADDRESS_HEADER)
            .and_then(|value| value.to_str().ok())
            .map(|value| value.chars().take(200).collect());
        Ok((socket, public))
    }

    /// One session with the relay, until it ends.
    fn session(&mut self, socket: &mut WebSocket<TcpStream>) -> End {
        // "Send me everything": working out what this side has would mean decoding the whole
        // board here. What the relay sends that the window has already changes nothing there.
        let hello = Message::Sync(SyncMessage::SyncStep1(StateVector::default()));
        if let Err(e) = socket.send(Frame::binary(hello.encode_v1())) {
            return End::Lost(e.to_string());
        }
        if let Err(e) = self.send_presence(socket) {
            return End::Lost(e);
        }
        loop {
            loop {
                match self.commands.try_recv() {
                    Ok(Outgoing::Update(update)) => {
                        self.take_local(&update);
                        let message = Message::Sync(SyncMessage::Update(update));
                        if let Err(e) = socket.send(Frame::binary(message.encode_v1())) {
                            return End::Lost(e.to_string());
                        }
                    }
                    Ok(Outgoing::Presence(json)) => {
                        self.awareness.set_local_state_raw(json);
                        if let Err(e) = self.send_presence(socket) {
                            return End::Lost(e);
                        }
                    }
                    Ok(Outgoing::Stop) | Err(TryRecvError::Disconnected) => {
                        // Leaving: the others see this window go at once, not after a while.
                        self.awareness.clean_local_state();
                        let _ = self.send_presence(socket);
                        return End::Stop;
                    }
                    Err(TryRecvError::Empty) => break,
                }
            }
            if self.renewed.elapsed() >= RENEW && self.awareness.local_state_raw().is_some() {
                if let Some(json) = self.awareness.local_state_raw() {
                    // The same state with a newer clock: "still here".
                    self.awareness.set_local_state_raw(json);
                }
                if let Err(e) = self.send_presence(socket) {
                    return End::Lost(e);
                }
            }
            if self.checked.elapsed() >= EXPIRY_CHECK {
                self.checked = Instant::now();
                self.expire_quiet();
            }
            match socket.read() {
                Ok(Frame::Binary(bytes)) => {
                    for reply in self.take_remote(&bytes) {
                        if let Err(e) = socket.send(Frame::binary(reply)) {
                            return End::Lost(e.to_string());
                        }
                    }
                }
                Ok(Frame::Close(_)) => return End::Lost("the relay closed the connection".into()),
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(e) => return End::Lost(e.to_string()),
            }
        }
    }

    /// Keeps a change made at the window.
    fn take_local(&mut self, update: &[u8]) {
        self.seen.add(update.to_vec());
    }

    /// Takes in what the relay sent; returns the replies it asks for, encoded.
    fn take_remote(&mut self, bytes: &[u8]) -> Vec<Vec<u8>> {
        let mut replies = Vec::new();
        let mut decoder = DecoderV1::from(bytes);
        for message in MessageReader::new(&mut decoder) {
            match message {
                Ok(Message::Sync(SyncMessage::SyncStep1(_))) => {
                    replies.extend(self.seen.messages());
                }
                Ok(Message::Sync(SyncMessage::SyncStep2(update) | SyncMessage::Update(update))) => {
                    // Read (and refused if need be) at the window.
                    self.seen.add(update.clone());
                    self.tell(Incoming::Update(update));
                }
                Ok(Message::Awareness(update)) => {
                    if let Err(e) = self.awareness.apply_update(update) {
                        self.tell(Incoming::Refused(e.to_string()));
                    }
                    self.show_people();
                }
                Ok(Message::AwarenessQuery) => {
                    if let Ok(update) = self.awareness.update() {
                        replies.push(Message::Awareness(update).encode_v1());
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    self.tell(Incoming::Refused(e.to_string()));
                    break;
                }
            }
        }
        replies
    }

    /// Sends this window's presence (its state, or `null` once it left) and counts it as
    /// renewed.
    fn send_presence(&mut self, socket: &mut WebSocket<TcpStream>) -> Result<(), String> {
        self.renewed = Instant::now();
        let me = self.awareness.client_id();
        if self.awareness.meta(me).is_none() {
            return Ok(());
        }
        match self.awareness.update_with_clients([me]) {
            Ok(update) => socket
                .send(Frame::binary(Message::Awareness(update).encode_v1()))
                .map_err(|e| e.to_string()),
            Err(_) => Ok(()),
        }
    }

    /// Forgets the people whose presence was not renewed for [`OUTDATED`].
    fn expire_quiet(&mut self) {
        let now = millis(self.started.elapsed());
        self.forget_where(|state| {
            state.data.is_some() && now.saturating_sub(state.last_updated) >= millis(OUTDATED)
        });
    }

    /// Forgets everyone else (the relay is away).
    fn forget_others(&mut self) {
        self.forget_where(|_| true);
    }

    /// Forgets the others whose state `gone` picks, and tells the window.
    fn forget_where(&mut self, gone: impl Fn(&ClientState) -> bool) {
        let me = self.awareness.client_id();
        let leaving: Vec<_> = self
            .awareness
            .iter()
            .filter(|(client, state)| *client != me && gone(state))
            .map(|(client, _)| client)
            .collect();
        for client in leaving {
            self.awareness.remove_state(client);
        }
        self.show_people();
    }

    /// Hands the window the people in the room, when they differ from what it has.
    fn show_people(&mut self) {
        let me = self.awareness.client_id();
        let mut people: Vec<Peer> = self
            .awareness
            .iter()
            .filter(|(client, _)| *client != me)
            .filter_map(|(client, state)| {
                Some(Peer {
                    client: client.get(),
                    presence: Presence::from_json(state.data.as_deref()?)?,
                })
            })
            .collect();
        people.sort_by_key(|peer| peer.client);
        if people != self.shown {
            self.shown.clone_from(&people);
            self.tell(Incoming::People(people));
        }
    }

    fn tell(&self, incoming: Incoming) {
        if self.events.send(incoming).is_ok() {
            (self.wake)();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_messages_are_encoded_as_yrs_encodes_them() {
        let update = vec![1, 2, 3, 250, 7];
        assert_eq!(
            sync_message(SYNC_STEP_2, &update),
            Message::Sync(SyncMessage::SyncStep2(update.clone())).encode_v1()
        );
        assert_eq!(
            sync_message(SYNC_UPDATE, &update),
            Message::Sync(SyncMessage::Update(update)).encode_v1()
        );
    }
}
