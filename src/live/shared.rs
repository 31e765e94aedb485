//! The shared document itself: writing a board's changes into it, taking in colleagues'
//! updates, and reading the board back out of whatever the merge produced.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use serde_json::Value;
use yrs::types::{Event, PathSegment};
use yrs::undo::{Options as UndoOptions, UndoManager};
use yrs::updates::decoder::Decode;
use yrs::{
    Any, DeepObservable, Doc, GetString, Map, MapPrelim, MapRef, Number, OffsetKind, Options, Out,
    ReadTxn, StateVector, Text, TextPrelim, TextRef, Transact, TransactionMut, Update,
};

use super::fields::{
    Fields, connector_fields, connector_from_fields, item_fields, item_from_fields,
};
use super::remote::changes_between;
use super::splice::splice;
use crate::edit::{Changed, Command};
use crate::model::{
    Board, ConnectorId, ImageFormat, ImageId, ItemId, StoredImage, ZKey, put_on_one_line,
};
use crate::storage::{board_from_parts_repaired, fit_connector, fit_item};

/// The version of the layout in `docs/live-schema.md`, kept in the document as `board.schema`.
pub const SCHEMA_VERSION: i64 = 1;

/// The largest update taken from the network.
pub const MAX_UPDATE_BYTES: usize = 16 * 1024 * 1024;
/// The most a shared board takes in from the network over a session: as much as a board file
/// may hold.
pub const MAX_DOCUMENT_BYTES: usize = 200 * 1024 * 1024;

/// The origin of transactions made at this window, which its undo follows.
const LOCAL_ORIGIN: &str = "civic-canvas/local";

/// Fields holding text that people type: shared as Yjs texts, edited by splices.
const TEXT_KEYS: [&str; 7] = [
    "text",
    "title",
    "label",
    "description",
    "name",
    "goal",
    "prompt",
];
/// Fields holding ordered lists: shared as maps of entry id to `{order, value}`.
const LIST_KEYS: [&str; 12] = [
    "goals",
    "needs",
    "pains",
    "behaviours",
    "says",
    "thinks",
    "does",
    "feels",
    "gains",
    "custom",
    "rings",
    "sectors",
];
/// Fields holding a group of fields (a persona's entries): shared as maps, field by field.
const GROUP_KEYS: [&str; 9] = [
    "age",
    "role",
    "location",
    "quote",
    "background",
    "languages",
    "accessibility",
    "life_event",
    "value",
];

/// Fields holding counts by name (a note's votes by voter): shared as maps, so each voter
/// changes only their own count; a name left out of the new value is taken away.
const TALLY_KEYS: [&str; 1] = ["votes"];

/// Fields that are left out of the shared document while unset (`null`): reading treats a
/// missing one as unset.
const UNSET_KEYS: [&str; 3] = ["impact", "effort", "minutes"];

/// Why an update from the network was refused. The shared board is left as it was.
#[derive(Debug, thiserror::Error)]
pub enum LiveError {
    /// Larger than [`MAX_UPDATE_BYTES`].
    #[error("a change from the live session was refused: it is {0} bytes, more than 16 MB")]
    TooLarge(usize),
    /// Would take the shared board past [`MAX_DOCUMENT_BYTES`].
    #[error(
        "a change from the live session was refused: the shared board would grow past 200 MB, \
         the most a board may hold"
    )]
    DocumentTooLarge,
    /// Not a Yjs update, or one that cannot be applied.
    #[error("a change from the live session was refused: it could not be read ({0})")]
    Malformed(String),
}

/// The board as read out of the shared document.
#[derive(Debug)]
pub struct Projection {
    /// The board: every item and connector that could be read and placed.
    pub board: Board,
    /// What was left out or put right (an item that could not be read, a connector whose item
    /// a colleague deleted, an item in a frame that is gone…). It all stays in the shared
    /// document; only the board leaves it out.
    pub notes: Vec<String>,
}

/// The shared document of one board.
pub struct SharedBoard {
    doc: Doc,
    next_entry: u64,
    /// Undo of this window's own changes only (transactions with the local origin), one step
    /// per change written with [`SharedBoard::write_step`].
    undo: UndoManager<()>,
    /// The names of the steps on the undo and redo stacks, last on top.
    undo_labels: Vec<&'static str>,
    redo_labels: Vec<&'static str>,
    /// What changed in the document since a board was last brought up to date with it.
    dirty: Arc<Mutex<Dirty>>,
    /// Bytes taken in from the network so far (see [`MAX_DOCUMENT_BYTES`]).
    taken: usize,
}

/// The parts of the shared document that changed (see [`SharedBoard::changes_to`]).
#[derive(Debug, Default)]
struct Dirty {
    /// Everything: nothing is known about what a board shows.
    all: bool,
    title: bool,
    images: bool,
    items: BTreeSet<String>,
    connectors: BTreeSet<String>,
}

/// Marks in `dirty` what changes under `map`: the key of the entry each change is in. Changes
/// this window wrote are not marked.
fn watch(map: &MapRef, dirty: &Arc<Mutex<Dirty>>, mark: fn(&mut Dirty, &str)) {
    let dirty = Arc::clone(dirty);
    map.observe_deep("civic-canvas/dirty", move |txn, events| {
        if txn.origin() == Some(&yrs::Origin::from(LOCAL_ORIGIN)) {
            // Written from the board the window shows: nothing there to bring up to date.
            return;
        }
        let Ok(mut dirty) = dirty.lock() else { return };
        for event in events.iter() {
            match (event.path().front(), event) {
                (Some(PathSegment::Key(key)), _) => mark(&mut dirty, key),
                (_, Event::Map(changes)) => {
                    for key in changes.keys(txn).keys() {
                        mark(&mut dirty, key);
                    }
                }
                _ => dirty.all = true,
            }
        }
    });
}

impl std::fmt::Debug for SharedBoard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SharedBoard(client {})", self.doc.client_id())
    }
}

/// How one field is shared.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Text,
    List,
    Group,
    Tally,
    Atom,
}

fn slot(key: &str, value: &Value) -> Slot {
    match value {
        Value::String(_) if TEXT_KEYS.contains(&key) || key == LIST_VALUE => Slot::Text,
        Value::Array(_) if LIST_KEYS.contains(&key) => Slot::List,
        Value::Object(_) if GROUP_KEYS.contains(&key) => Slot::Group,
        Value::Object(_) if TALLY_KEYS.contains(&key) => Slot::Tally,
        _ => Slot::Atom,
    }
}

impl SharedBoard {
    /// An empty shared document, with a random client id.
    pub fn new() -> Self {
        Self::from_options(Options {
            offset_kind: OffsetKind::Utf16,
            ..Options::default()
        })
    }

    /// An empty shared document with this client id (for tests that must be reproducible).
    pub fn with_client_id(client_id: u64) -> Self {
        Self::from_options(Options {
            offset_kind: OffsetKind::Utf16,
            ..Options::with_client_id(yrs::block::ClientID::new(client_id))
        })
    }

    fn from_options(options: Options) -> Self {
        let doc = Doc::with_options(options);
        let mut undo = UndoManager::with_options(UndoOptions {
            // Each change this window writes is one transaction, and one step.
            capture_timeout_millis: 0,
            tracked_origins: [yrs::Origin::from(LOCAL_ORIGIN)].into(),
            ..UndoOptions::default()
        });
        let root = Roots::of(&doc);
        for map in [&root.board, &root.items, &root.connectors, &root.images] {
            undo.expand_scope(&doc, map);
        }
        let dirty = Arc::new(Mutex::new(Dirty {
            all: true,
            ..Dirty::default()
        }));
        watch(&root.board, &dirty, |dirty, _| dirty.title = true);
        watch(&root.images, &dirty, |dirty, _| dirty.images = true);
        watch(&root.items, &dirty, |dirty, key| {
            dirty.items.insert(key.to_owned());
        });
        watch(&root.connectors, &dirty, |dirty, key| {
            dirty.connectors.insert(key.to_owned());
        });
        Self {
            doc,
            next_entry: 0,
            undo,
            undo_labels: Vec::new(),
            redo_labels: Vec::new(),
            dirty,
            taken: 0,
        }
    }

    /// Writes a change made at this window, as [`Self::write_changes`] does, as one step that
    /// [`Self::undo`] takes back, called `label` in the Undo menu.
    pub fn write_step(&mut self, board: &Board, changed: &Changed, label: &'static str) -> Vec<u8> {
        let before = self.undo.undo_stack().len();
        let update = self.write_changes(board, changed);
        if self.undo.undo_stack().len() > before {
            self.undo_labels.push(label);
            self.redo_labels.clear();
        }
        update
    }

    /// The name of the step [`Self::undo`] would take back.
    pub fn undo_label(&self) -> Option<&'static str> {
        self.undo_labels.last().copied()
    }

    /// The name of the step [`Self::redo`] would put back.
    pub fn redo_label(&self) -> Option<&'static str> {
        self.redo_labels.last().copied()
    }

    /// Takes back this window's last step, and only what this window did in it: a colleague's
    /// later change to the same item or text stays. Returns the update to send, `None` when
    /// there is nothing to undo. Show the result with [`Self::changes_to`].
    pub fn undo(&mut self) -> Option<Vec<u8>> {
        let label = self.undo_labels.pop()?;
        let update = self.replay(true);
        self.redo_labels.push(label);
        Some(update)
    }

    /// Puts back the last step undone; `None` when there is nothing to redo.
    pub fn redo(&mut self) -> Option<Vec<u8>> {
        let label = self.redo_labels.pop()?;
        let update = self.replay(false);
        self.undo_labels.push(label);
        Some(update)
    }

    fn replay(&mut self, undo: bool) -> Vec<u8> {
        let before = self.doc.transact().state_vector();
        if undo {
            self.undo.undo_blocking();
        } else {
            self.undo.redo_blocking();
        }
        self.doc.transact().encode_diff_v1(&before)
    }

    /// A shared document holding `board`, for a new room.
    pub fn seeded(board: &Board) -> Self {
        let mut shared = Self::new();
        shared.write_board(board);
        // The board shown is the one just written: nothing to bring up to date, and no reason
        // to read the whole shared board back at the first change from a colleague.
        if let Ok(mut dirty) = shared.dirty.lock() {
            *dirty = Dirty::default();
        }
        shared
    }

    /// Writes the whole of `board`: every item, connector, photo and the title.
    pub fn write_board(&mut self, board: &Board) -> Vec<u8> {
        let changed = Changed {
            items: board.items().map(|item| item.id).collect(),
            connectors: board.connectors().map(|c| c.id).collect(),
            title: true,
            images: true,
        };
        self.write_changes(board, &changed)
    }

    /// Writes what `changed` names, as it is now in `board`, in one transaction with this
    /// window's origin, touching only the fields that differ from the shared document. Returns
    /// the update to send (empty when nothing differed).
    pub fn write_changes(&mut self, board: &Board, changed: &Changed) -> Vec<u8> {
        let root = Roots::of(&self.doc);
        let client = self.doc.client_id().get();
        let mut txn = self.doc.transact_mut_with(LOCAL_ORIGIN);
        let mut writer = Writer {
            client,
            next_entry: &mut self.next_entry,
        };
        if changed.title {
            let schema = Value::from(SCHEMA_VERSION);
            writer.sync(&mut txn, &root.board, "schema", &schema);
            writer.sync(&mut txn, &root.board, "title", &board.title().into());
        }
        for &id in &changed.items {
            let key = id.to_string();
            match board.item(id) {
                Some(item) => writer.sync_entry(&mut txn, &root.items, &key, &item_fields(item)),
                None => {
                    root.items.remove(&mut txn, &key);
                }
            }
        }
        for &id in &changed.connectors {
            let key = id.to_string();
            match board.connector(id) {
                Some(connector) => writer.sync_entry(
                    &mut txn,
                    &root.connectors,
                    &key,
                    &connector_fields(connector),
                ),
                None => {
                    root.connectors.remove(&mut txn, &key);
                }
            }
        }
        if changed.images {
            // Photos are kept by content id and never removed: a colleague's card may use one
            // this board no longer does.
            for (id, image) in board.used_images() {
                let key = id.to_string();
                if !root.images.contains_key(&txn, &key) {
                    root.images.insert(&mut txn, key, image_any(image));
                }
            }
        }
        txn.encode_update_v1()
    }

    /// The whole document as one update, for a colleague joining.
    pub fn state(&self) -> Vec<u8> {
        self.doc
            .transact()
            .encode_state_as_update_v1(&StateVector::default())
    }

    /// A shared document holding `state` (a kept session, see [`super::KeptSession`]).
    pub fn from_state(state: &[u8]) -> Result<Self, LiveError> {
        let mut shared = Self::new();
        shared.apply(state)?;
        shared.taken = state.len();
        Ok(shared)
    }

    /// Takes in a colleague's update. A refused update leaves the document as it was.
    pub fn apply_remote(&mut self, update: &[u8]) -> Result<(), LiveError> {
        if update.len() > MAX_UPDATE_BYTES {
            return Err(LiveError::TooLarge(update.len()));
        }
        let taken = self.taken.saturating_add(update.len());
        if taken > MAX_DOCUMENT_BYTES {
            return Err(LiveError::DocumentTooLarge);
        }
        self.apply(update)?;
        self.taken = taken;
        Ok(())
    }

    fn apply(&mut self, update: &[u8]) -> Result<(), LiveError> {
        let update = Update::decode_v1(update).map_err(|e| LiveError::Malformed(e.to_string()))?;
        let mut txn = self.doc.transact_mut();
        txn.apply_update(update)
            .map_err(|e| LiveError::Malformed(e.to_string()))
    }

    /// What the gateway applies, with [`crate::edit::Origin::Remote`], to bring `shown` (the
    /// board a window shows) to what the shared document holds now; `None` when it already
    /// does.
    ///
    /// Only what changed since the last call is read, and fitted to `shown` item by item; when
    /// a change needs the whole board (an item or connector added or removed, a photo, a frame
    /// moved to another frame), the whole board is read. Pass the board the previous result was
    /// applied to; if it could not be applied, call [`Self::resync`] first.
    pub fn changes_to(&self, shown: &Board) -> Option<Command> {
        let dirty = self.dirty.lock().map_or_else(
            |_| Dirty {
                all: true,
                ..Dirty::default()
            },
            |mut dirty| std::mem::take(&mut *dirty),
        );
        let commands = if dirty.all || dirty.images {
            None
        } else {
            self.changes_of(shown, &dirty)
        };
        match commands {
            Some(commands) => (!commands.is_empty()).then_some(Command::Batch {
                label: "Colleagues' changes",
                commands,
            }),
            None => changes_between(shown, &self.project().board),
        }
    }

    /// Forgets what is known about the board shown, so the next [`Self::changes_to`] reads the
    /// whole shared board.
    pub fn resync(&self) {
        if let Ok(mut dirty) = self.dirty.lock() {
            dirty.all = true;
        }
    }

    /// The commands for `dirty` alone, item by item; `None` when a change needs the whole board.
    fn changes_of(&self, shown: &Board, dirty: &Dirty) -> Option<Vec<Command>> {
        let root = Roots::of(&self.doc);
        let txn = self.doc.transact();
        let mut commands = Vec::new();
        if dirty.title {
            let mut title = match root.board.get(&txn, "title") {
                Some(out) => read(&txn, "title", out)
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                None => String::new(),
            };
            put_on_one_line(&mut title);
            if title != shown.title() {
                commands.push(Command::SetTitle(title));
            }
        }
        for key in &dirty.items {
            let id: ItemId = key.parse().ok()?;
            let Some(Out::YMap(entry)) = root.items.get(&txn, key) else {
                return None;
            };
            let item = item_from_fields(id, &read_fields(&txn, &entry)).ok()?;
            let old = shown.item(id)?;
            if std::mem::discriminant(&old.kind) != std::mem::discriminant(&item.kind) {
                return None;
            }
            let item = fit_item(shown, item)?;
            if item != *old {
                commands.push(Command::PutItem(Box::new(item)));
            }
        }
        let mut added = Vec::new();
        for key in &dirty.connectors {
            let id: ConnectorId = key.parse().ok()?;
            let wanted = match root.connectors.get(&txn, key) {
                Some(Out::YMap(entry)) => connector_from_fields(id, &read_fields(&txn, &entry))
                    .ok()
                    .and_then(|connector| fit_connector(shown, connector)),
                _ => None,
            };
            let old = shown.connector(id);
            if wanted.as_ref() != old {
                if old.is_some() {
                    commands.push(Command::RemoveConnector(id));
                }
                added.extend(wanted.map(|connector| Command::AddConnector(Box::new(connector))));
            }
        }
        commands.append(&mut added);
        Some(commands)
    }

    /// The board as the shared document has it now.
    pub fn project(&self) -> Projection {
        let root = Roots::of(&self.doc);
        let txn = self.doc.transact();
        let mut notes = Vec::new();
        let title = match root.board.get(&txn, "title") {
            Some(out) => read(&txn, "title", out)
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            None => String::new(),
        };
        let mut items = Vec::new();
        for (key, fields) in read_entries(&txn, &root.items) {
            let read = key
                .parse()
                .map_err(|_| "its id is not an id".to_owned())
                .and_then(|id| item_from_fields(id, &fields));
            match read {
                Ok(item) => items.push(item),
                Err(why) => notes.push(format!("item {key} was left out: {why}")),
            }
        }
        let mut connectors = Vec::new();
        for (key, fields) in read_entries(&txn, &root.connectors) {
            let read = key
                .parse()
                .map_err(|_| "its id is not an id".to_owned())
                .and_then(|id| connector_from_fields(id, &fields));
            match read {
                Ok(connector) => connectors.push(connector),
                Err(why) => notes.push(format!("connector {key} was left out: {why}")),
            }
        }
        let mut images = Vec::new();
        for (key, out) in root.images.iter(&txn) {
            match (key.parse::<ImageId>(), out) {
                (Ok(id), Out::Any(any)) => match image_from_any(&any) {
                    Some(image) => images.push((id, image)),
                    None => notes.push(format!("photo {key} was left out: it could not be read")),
                },
                _ => notes.push(format!("photo {key} was left out: it could not be read")),
            }
        }
        match board_from_parts_repaired(title.clone(), items, connectors, images) {
            Ok((board, repairs)) => {
                notes.extend(repairs);
                Projection { board, notes }
            }
            Err(error) => {
                // Map keys are unique, so ids cannot repeat; should they, the board is empty
                // rather than half-read, and the shared document keeps everything.
                notes.push(format!("the board could not be put together: {error}"));
                Projection {
                    board: Board::new(title),
                    notes,
                }
            }
        }
    }
}

impl Default for SharedBoard {
    fn default() -> Self {
        Self::new()
    }
}

/// The document's top-level maps.
struct Roots {
    board: MapRef,
    items: MapRef,
    connectors: MapRef,
    images: MapRef,
}

impl Roots {
    fn of(doc: &Doc) -> Self {
        Self {
            board: doc.get_or_insert_map("board"),
            items: doc.get_or_insert_map("items"),
            connectors: doc.get_or_insert_map("connectors"),
            images: doc.get_or_insert_map("images"),
        }
    }
}

/// Writes fields into the document, each only if it differs.
struct Writer<'a> {
    client: u64,
    next_entry: &'a mut u64,
}

impl Writer<'_> {
    /// Makes the map under `key` of `parent` hold exactly `fields`.
    fn sync_entry(
        &mut self,
        txn: &mut TransactionMut<'_>,
        parent: &MapRef,
        key: &str,
        fields: &Fields,
    ) {
        let entry = match parent.get(txn, key) {
            Some(Out::YMap(map)) => map,
            _ => parent.insert(txn, key, MapPrelim::default()),
        };
        self.sync_fields(txn, &entry, fields);
    }

    /// Writes `fields` into `map`. Keys `fields` does not have are left as they are: another
    /// client may keep its own there (a participant page, the note's author).
    fn sync_fields(&mut self, txn: &mut TransactionMut<'_>, map: &MapRef, fields: &Fields) {
        for (key, value) in fields {
            self.sync(txn, map, key, value);
        }
    }

    /// Makes field `key` of `map` hold `value`, changing as little as it can.
    fn sync(&mut self, txn: &mut TransactionMut<'_>, map: &MapRef, key: &str, value: &Value) {
        match (slot(key, value), map.get(txn, key), value) {
            (Slot::Text, Some(Out::YText(text)), Value::String(new)) => {
                sync_text(txn, &text, new);
            }
            (Slot::List, Some(Out::YMap(list)), Value::Array(new)) => {
                self.sync_list(txn, &list, new);
            }
            (Slot::Group, Some(Out::YMap(group)), Value::Object(new)) => {
                self.sync_fields(txn, &group, new);
            }
            // Nothing to write for a field a note or frame does not use: most notes never get a
            // place on an impact/effort grid. (An empty tally is written: a note's votes map
            // exists from the start, so two people's first votes never race to create it.)
            (Slot::Atom, None, Value::Null) if UNSET_KEYS.contains(&key) => {}
            (Slot::Tally, Some(Out::YMap(tally)), Value::Object(new)) => {
                let gone: Vec<String> = tally
                    .keys(txn)
                    .filter(|name| !new.contains_key(*name))
                    .map(str::to_owned)
                    .collect();
                for name in gone {
                    tally.remove(txn, &name);
                }
                self.sync_fields(txn, &tally, new);
            }
            (Slot::Atom, Some(Out::Any(old)), _) if any_to_json(&old) == normal(value) => {}
            _ => self.put(txn, map, key, value),
        }
    }

    /// Writes field `key` of `map` afresh.
    fn put(&mut self, txn: &mut TransactionMut<'_>, map: &MapRef, key: &str, value: &Value) {
        match (slot(key, value), value) {
            (Slot::Text, Value::String(text)) => {
                map.insert(txn, key, TextPrelim::new(text.as_str()));
            }
            (Slot::List, Value::Array(values)) => {
                let list = map.insert(txn, key, MapPrelim::default());
                let mut below: Option<ZKey> = None;
                for value in values {
                    let order = ZKey::between(below.as_ref(), None);
                    self.put_list_entry(txn, &list, &order, value);
                    below = Some(order);
                }
            }
            (Slot::Group | Slot::Tally, Value::Object(fields)) => {
                let group = map.insert(txn, key, MapPrelim::default());
                for (key, value) in fields {
                    self.put(txn, &group, key, value);
                }
            }
            _ => {
                map.insert(txn, key, json_to_any(value));
            }
        }
    }

    fn put_list_entry(
        &mut self,
        txn: &mut TransactionMut<'_>,
        list: &MapRef,
        order: &ZKey,
        value: &Value,
    ) {
        *self.next_entry += 1;
        let id = format!("{:x}.{}", self.client, self.next_entry);
        let entry = list.insert(txn, id, MapPrelim::default());
        entry.insert(txn, "order", order.as_str());
        self.put(txn, &entry, LIST_VALUE, value);
    }

    /// Makes a list hold `new`: entries equal at the start and the end are left alone; in
    /// between, entries are kept (moved by their order key, or edited in place) where they can
    /// be, and the rest inserted or removed.
    fn sync_list(&mut self, txn: &mut TransactionMut<'_>, list: &MapRef, new: &[Value]) {
        let old = sorted_entries(txn, list);
        let start = old
            .iter()
            .zip(new)
            .take_while(|(entry, value)| entry.value == **value)
            .count();
        let old_rest = old.get(start..).unwrap_or_default();
        let new_rest = new.get(start..).unwrap_or_default();
        let end = old_rest
            .iter()
            .rev()
            .zip(new_rest.iter().rev())
            .take_while(|(entry, value)| entry.value == **value)
            .count();
        let old_mid = old_rest.get(..old_rest.len() - end).unwrap_or_default();
        let new_mid = new_rest.get(..new_rest.len() - end).unwrap_or_default();
        // Each new value takes an old entry: one with the same value if any is left (a move
        // keeps its entry and changes only its order key), else the next one left over (an
        // edit, made in place so that a colleague typing in that entry keeps their words).
        let mut taken = vec![false; old_mid.len()];
        let mut plan: Vec<Option<usize>> = new_mid
            .iter()
            .map(|value| {
                let same = old_mid
                    .iter()
                    .zip(&taken)
                    .position(|(entry, taken)| !taken && entry.value == *value);
                if let Some(taken) = same.and_then(|at| taken.get_mut(at)) {
                    *taken = true;
                }
                same
            })
            .collect();
        let mut spare = taken
            .iter()
            .enumerate()
            .filter(|(_, taken)| !**taken)
            .map(|(at, _)| at);
        for slot in plan.iter_mut().filter(|slot| slot.is_none()) {
            *slot = spare.next();
        }
        for entry in spare.filter_map(|at| old_mid.get(at)) {
            list.remove(txn, &entry.id);
        }
        let order_of = |entry: &ListEntry| entry.order.parse::<ZKey>().ok();
        let mut below = start
            .checked_sub(1)
            .and_then(|at| old.get(at))
            .and_then(order_of);
        let above = old_rest.get(old_rest.len() - end).and_then(order_of);
        for (value, slot) in new_mid.iter().zip(plan) {
            let fresh = |below: &Option<ZKey>| ZKey::between(below.as_ref(), above.as_ref());
            let order = if let Some(entry) = slot.and_then(|at| old_mid.get(at)) {
                self.sync(txn, &entry.map, LIST_VALUE, value);
                let in_place = order_of(entry).filter(|key| {
                    below.as_ref().is_none_or(|below| key > below)
                        && above.as_ref().is_none_or(|above| key < above)
                });
                in_place.unwrap_or_else(|| {
                    let key = fresh(&below);
                    entry.map.insert(txn, "order", key.as_str());
                    key
                })
            } else {
                let key = fresh(&below);
                self.put_list_entry(txn, list, &key, value);
                key
            };
            below = Some(order);
        }
    }
}

/// The field of a list entry that holds its value; a plain text there (a ring's name) is
/// shared as text.
const LIST_VALUE: &str = "value";

/// One entry of a shared list, as read.
struct ListEntry {
    id: String,
    order: String,
    value: Value,
    map: MapRef,
}

/// A list's entries in order: by order key, then by entry id (two people inserting at the same
/// place at once may pick the same key).
fn sorted_entries<T: ReadTxn>(txn: &T, list: &MapRef) -> Vec<ListEntry> {
    let mut entries: Vec<ListEntry> = list
        .iter(txn)
        .filter_map(|(id, out)| {
            let Out::YMap(map) = out else { return None };
            let order = match map.get(txn, "order") {
                Some(Out::Any(Any::String(order))) => order.to_string(),
                _ => String::new(),
            };
            let value = map
                .get(txn, LIST_VALUE)
                .map_or(Value::Null, |out| read(txn, LIST_VALUE, out));
            Some(ListEntry {
                id: id.to_owned(),
                order,
                value,
                map,
            })
        })
        .collect();
    entries.sort_by(|a, b| (&a.order, &a.id).cmp(&(&b.order, &b.id)));
    entries
}

/// The value of field `key`, whatever it is shared as.
fn read<T: ReadTxn>(txn: &T, key: &str, out: Out) -> Value {
    match out {
        Out::YText(text) => text.get_string(txn).into(),
        Out::YMap(map) if LIST_KEYS.contains(&key) => sorted_entries(txn, &map)
            .into_iter()
            .map(|entry| entry.value)
            .collect(),
        Out::YMap(map) => Value::Object(read_fields(txn, &map)),
        Out::Any(any) => any_to_json(&any),
        _ => Value::Null,
    }
}

fn read_fields<T: ReadTxn>(txn: &T, map: &MapRef) -> Fields {
    map.iter(txn)
        .map(|(key, out)| (key.to_owned(), read(txn, key, out)))
        .collect()
}

/// Each entry of a top-level map (items, connectors) with its fields, by key.
fn read_entries<T: ReadTxn>(txn: &T, map: &MapRef) -> BTreeMap<String, Fields> {
    map.iter(txn)
        .map(|(key, out)| {
            let fields = match out {
                Out::YMap(entry) => read_fields(txn, &entry),
                _ => Fields::new(),
            };
            (key.to_owned(), fields)
        })
        .collect()
}

fn sync_text(txn: &mut TransactionMut<'_>, text: &TextRef, new: &str) {
    let old = text.get_string(txn);
    if let Some(edit) = splice(&old, new) {
        if edit.remove > 0 {
            text.remove_range(txn, edit.at, edit.remove);
        }
        if !edit.insert.is_empty() {
            text.insert(txn, edit.at, &edit.insert);
        }
    }
}

/// A field's value as a Yjs value. Numbers keep their kind: a float stays a float (so `-0.0`
/// keeps its sign), an integer an integer.
fn json_to_any(value: &Value) -> Any {
    match value {
        Value::Null => Any::Null,
        Value::Bool(b) => Any::Bool(*b),
        Value::Number(n) => Any::Number(match n.as_i64() {
            Some(int) if !n.is_f64() => Number::Int(int),
            _ => Number::Float(n.as_f64().unwrap_or_default()),
        }),
        Value::String(text) => Any::String(text.as_str().into()),
        Value::Array(values) => Any::Array(values.iter().map(json_to_any).collect()),
        Value::Object(fields) => Any::Map(Arc::new(
            fields
                .iter()
                .map(|(key, value)| (key.clone(), json_to_any(value)))
                .collect(),
        )),
    }
}

/// A Yjs value as a field's value; bytes (which fields never hold) read as nothing.
fn any_to_json(any: &Any) -> Value {
    match any {
        Any::Null | Any::Undefined | Any::Buffer(_) => Value::Null,
        Any::Bool(b) => Value::Bool(*b),
        Any::Number(Number::Int(int)) => Value::from(*int),
        Any::Number(Number::Float(float)) => {
            serde_json::Number::from_f64(*float).map_or(Value::Null, Value::Number)
        }
        Any::String(text) => Value::String(text.to_string()),
        Any::Array(values) => values.iter().map(any_to_json).collect(),
        Any::Map(fields) => Value::Object(
            fields
                .iter()
                .map(|(key, value)| (key.clone(), any_to_json(value)))
                .collect(),
        ),
    }
}

/// `value` as it reads back after a trip through the document (numbers become one kind).
fn normal(value: &Value) -> Value {
    any_to_json(&json_to_any(value))
}

fn image_any(image: &StoredImage) -> Any {
    let format = match image.format {
        ImageFormat::Png => "png",
        ImageFormat::Jpeg => "jpeg",
    };
    Any::Map(Arc::new(std::collections::HashMap::from([
        ("width".to_owned(), Any::from(f64::from(image.width))),
        ("height".to_owned(), Any::from(f64::from(image.height))),
        ("format".to_owned(), Any::from(format)),
        ("bytes".to_owned(), Any::Buffer(Arc::from(&*image.bytes))),
    ])))
}

fn image_from_any(any: &Any) -> Option<StoredImage> {
    let Any::Map(fields) = any else { return None };
    let size = |key: &str| match fields.get(key) {
        Some(Any::Number(n)) => n
            .as_i64()
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| (1..=4096).contains(n)),
        _ => None,
    };
    let format = match fields.get("format") {
        Some(Any::String(format)) if &**format == "png" => ImageFormat::Png,
        Some(Any::String(format)) if &**format == "jpeg" => ImageFormat::Jpeg,
        _ => return None,
    };
    let Some(Any::Buffer(bytes)) = fields.get("bytes") else {
        return None;
    };
    Some(StoredImage {
        width: size("width")?,
        height: size("height")?,
        format,
        bytes: Arc::from(&**bytes),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_takes_in_no_more_than_a_board_may_hold() {
        let board = Board::from_parts("Kick-off", [], []).unwrap();
        let update = SharedBoard::seeded(&board).state();
        let mut shared = SharedBoard::new();
        shared.taken = MAX_DOCUMENT_BYTES - update.len() + 1;
        assert!(matches!(
            shared.apply_remote(&update),
            Err(LiveError::DocumentTooLarge)
        ));
        assert_eq!(shared.project().board.title(), "", "nothing was taken in");
        shared.taken = MAX_DOCUMENT_BYTES - update.len();
        shared.apply_remote(&update).unwrap();
        assert_eq!(shared.project().board.title(), "Kick-off");
        assert_eq!(shared.taken, MAX_DOCUMENT_BYTES);
    }
}
