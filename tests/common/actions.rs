//! Random edit sessions for property tests: actions that stand for commands on whatever board
//! they meet, the boards to start from, and checks every board must pass.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use civic_canvas::edit::{
    Command, ConnectorField, ItemField, ListRef, ListValue, PersonaField, rules,
};
use civic_canvas::model::sketch::Sample;
use civic_canvas::model::{
    Arrows, Basis, Board, Channel, Connector, ConnectorId, ConnectorProps, CustomField, EmpathyMap,
    Entry, EntryList, Frame, IdGen, Item, ItemId, ItemKind, Level, LineStyle, MapNode, NodeType,
    PaletteColor, Persona, Point, Polarity, Portrait, Relation, Rings, Route, Size, StrokePoint,
    StrokeTool, ZKey, one_line,
};
use civic_canvas::storage::{board_from_ron, board_to_ron};
use proptest::prelude::*;

/// One step of a random edit session. Indices pick among whatever exists when the step runs, so
/// every generated command is valid for the board at that moment (except the `Invalid` ones).
#[derive(Clone, Debug)]
pub enum Action {
    AddNote {
        pos: Point,
        color: PaletteColor,
        text: String,
    },
    Delete(usize),
    Move(usize, Point),
    Resize(usize, Size),
    SetText(usize, String),
    SetColor(usize, PaletteColor),
    SetZ(usize, u8, usize),
    SetTitle(String),
    Connect(usize, usize, String),
    Disconnect(usize),
    AddMapNode(Point, MapNode),
    AddPersona(Point, Box<Persona>),
    AddEmpathyMap(Point, String),
    /// A pen (or, when true, highlighter) stroke through these offsets from the point, with a
    /// pressure for each where the device gave one.
    AddStroke(Point, Vec<(f32, f32, Option<f32>)>, bool, PaletteColor),
    AddBackdrop(Point, ItemKind),
    /// A frame around some of the items that are in no frame yet.
    AddFrame(Point, String, Vec<usize>),
    /// New details for an item, field by field, from whichever of these matches its kind.
    SetFields(usize, MapNode, Rings, String, Box<Persona>),
    SetConnectorLabel(usize, String),
    SetConnectorProps(usize, ConnectorProps),
    Batch(Vec<Action>),
    Invalid(Invalid),
}

/// Commands that must be rejected, leaving the board unchanged.
#[derive(Clone, Debug)]
pub enum Invalid {
    MoveMissing(u64),
    DisconnectMissing(u64),
    AddDuplicate(usize),
    ConnectToMissing(usize, u64),
    MoveOffTheBoard(usize, bool),
    FrameInItself(usize),
    BatchEndingBadly(usize, Point),
    FieldOfAnotherKind(usize),
    TextOnBackdrop(usize, String),
}

pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z0-9 ,.!?'\"\\\\\n\tëçșțčćđђћџѓќѕіїєґქართული\u{301}]{0,40}",
        1 => any::<String>(),
    ]
}

/// A name, title or label: one line (a file's line breaks in them are taken out on loading).
fn name() -> impl Strategy<Value = String> {
    text().prop_map(|text| one_line(&text).unwrap_or(text))
}

pub fn point() -> impl Strategy<Value = Point> {
    (-50_000.0_f32..50_000.0, -50_000.0_f32..50_000.0).prop_map(|(x, y)| Point::new(x, y))
}

fn size() -> impl Strategy<Value = Size> {
    (60.0_f32..2_000.0, 40.0_f32..2_000.0).prop_map(|(w, h)| Size::new(w, h))
}

fn color() -> impl Strategy<Value = PaletteColor> {
    prop::sample::select(PaletteColor::ALL.to_vec())
}

fn level() -> impl Strategy<Value = Level> {
    prop::sample::select(Level::ALL.to_vec())
}

fn map_node() -> impl Strategy<Value = MapNode> {
    let node_type = prop_oneof![
        4 => prop::sample::select(NodeType::BUILT_IN.to_vec()),
        1 => name().prop_map(NodeType::Custom),
    ];
    (name(), node_type, text(), level(), level()).prop_map(
        |(label, node_type, description, influence, interest)| MapNode {
            label,
            node_type,
            description,
            influence,
            interest,
            persona: None,
        },
    )
}

fn entry() -> impl Strategy<Value = Entry> {
    let basis = prop_oneof![
        Just(Basis::Unmarked),
        Just(Basis::Assumption),
        text().prop_map(Basis::Evidence),
    ];
    (text(), basis).prop_map(|(text, basis)| Entry { text, basis })
}

/// A drawn portrait of up to three lines, some points with the pen's pressure.
fn portrait() -> impl Strategy<Value = Portrait> {
    let point = (
        -5.0..=105.0_f32,
        -5.0..=105.0_f32,
        prop::option::of(0.0..=1.0_f32),
    )
        .prop_map(|(x, y, pressure)| StrokePoint { x, y, pressure });
    prop::collection::vec(prop::collection::vec(point, 1..8), 0..3).prop_map(Portrait::new)
}

fn persona() -> impl Strategy<Value = Persona> {
    (
        text(),
        prop::collection::vec(entry(), 9),
        prop::collection::vec(prop::collection::vec(entry(), 0..4), 4),
        prop::option::of(1..=Persona::MAX_SKILLS),
        prop::collection::btree_set(prop::sample::select(Channel::ALL.to_vec()), 0..4),
        prop::collection::vec((text(), entry()), 0..3),
        portrait(),
    )
        .prop_map(
            |(name, fields, lists, digital_skills, channels, custom, portrait)| {
                let mut fields = fields.into_iter();
                let mut next = || fields.next().unwrap_or_default();
                let mut lists = lists.into_iter();
                let mut list = || lists.next().unwrap_or_default();
                Persona {
                    name,
                    photo: None,
                    portrait,
                    age: next(),
                    role: next(),
                    location: next(),
                    quote: next(),
                    background: next(),
                    goals: list(),
                    needs: list(),
                    pains: list(),
                    behaviours: list(),
                    digital_skills,
                    channels,
                    languages: next(),
                    accessibility: next(),
                    life_event: next(),
                    custom: custom
                        .into_iter()
                        .map(|(label, value)| CustomField { label, value })
                        .collect(),
                }
            },
        )
}

/// The way a pen went, as offsets from where it started: a dot to a long scribble.
fn stroke_path() -> impl Strategy<Value = Vec<(f32, f32, Option<f32>)>> {
    prop::collection::vec(
        (
            -300.0_f32..300.0,
            -300.0_f32..300.0,
            prop::option::of(0.0_f32..=1.0),
        ),
        1..60,
    )
}

fn rings() -> impl Strategy<Value = Rings> {
    (
        prop::collection::vec(text(), 1..=Rings::MAX_RINGS),
        prop::collection::vec(text(), 0..=Rings::MAX_SECTORS),
    )
        .prop_map(|(rings, sectors)| Rings { rings, sectors })
}

fn backdrop_kind() -> impl Strategy<Value = ItemKind> {
    prop_oneof![
        rings().prop_map(ItemKind::Rings),
        Just(ItemKind::InterestGrid),
        Just(ItemKind::ImpactGrid),
    ]
}

fn connector_props() -> impl Strategy<Value = ConnectorProps> {
    let relation = prop_oneof![
        2 => Just(None),
        2 => prop::sample::select(Relation::BUILT_IN.to_vec()).prop_map(Some),
        1 => text().prop_map(|name| Some(Relation::Custom(name))),
    ];
    let polarity = prop_oneof![
        Just(None),
        prop::sample::select(Polarity::ALL.to_vec()).prop_map(Some),
    ];
    (
        prop::sample::select(Arrows::ALL.to_vec()),
        any::<bool>(),
        any::<bool>(),
        relation,
        polarity,
        any::<bool>(),
    )
        .prop_map(
            |(arrows, dashed, curved, relation, polarity, delay)| ConnectorProps {
                arrows,
                line: if dashed {
                    LineStyle::Dashed
                } else {
                    LineStyle::Solid
                },
                route: if curved {
                    Route::Curved
                } else {
                    Route::Straight
                },
                relation,
                polarity,
                delay,
            },
        )
}

fn invalid() -> impl Strategy<Value = Invalid> {
    prop_oneof![
        any::<u64>().prop_map(Invalid::MoveMissing),
        any::<u64>().prop_map(Invalid::DisconnectMissing),
        any::<usize>().prop_map(Invalid::AddDuplicate),
        (any::<usize>(), any::<u64>()).prop_map(|(a, b)| Invalid::ConnectToMissing(a, b)),
        (any::<usize>(), any::<bool>()).prop_map(|(i, nan)| Invalid::MoveOffTheBoard(i, nan)),
        any::<usize>().prop_map(Invalid::FrameInItself),
        (any::<usize>(), point()).prop_map(|(a, p)| Invalid::BatchEndingBadly(a, p)),
        any::<usize>().prop_map(Invalid::FieldOfAnotherKind),
        (any::<usize>(), text()).prop_map(|(i, t)| Invalid::TextOnBackdrop(i, t)),
    ]
}

fn simple_action() -> impl Strategy<Value = Action> {
    prop_oneof![
        3 => (point(), color(), text()).prop_map(|(pos, color, text)| Action::AddNote { pos, color, text }),
        1 => any::<usize>().prop_map(Action::Delete),
        3 => (any::<usize>(), point()).prop_map(|(i, p)| Action::Move(i, p)),
        2 => (any::<usize>(), size()).prop_map(|(i, s)| Action::Resize(i, s)),
        3 => (any::<usize>(), text()).prop_map(|(i, t)| Action::SetText(i, t)),
        2 => (any::<usize>(), color()).prop_map(|(i, c)| Action::SetColor(i, c)),
        2 => (any::<usize>(), any::<u8>(), any::<usize>()).prop_map(|(i, how, j)| Action::SetZ(i, how, j)),
        1 => text().prop_map(Action::SetTitle),
        2 => (any::<usize>(), any::<usize>(), text()).prop_map(|(a, b, l)| Action::Connect(a, b, l)),
        1 => any::<usize>().prop_map(Action::Disconnect),
        2 => (point(), map_node()).prop_map(|(p, node)| Action::AddMapNode(p, node)),
        1 => (point(), backdrop_kind()).prop_map(|(p, kind)| Action::AddBackdrop(p, kind)),
        1 => (point(), text(), prop::collection::vec(any::<usize>(), 0..4))
            .prop_map(|(p, title, members)| Action::AddFrame(p, title, members)),
        2 => (any::<usize>(), map_node(), rings(), text(), persona()).prop_map(
            |(i, node, rings, text, persona)| Action::SetFields(i, node, rings, text, Box::new(persona))
        ),
        1 => (point(), persona()).prop_map(|(p, persona)| Action::AddPersona(p, Box::new(persona))),
        1 => (point(), text()).prop_map(|(p, goal)| Action::AddEmpathyMap(p, goal)),
        2 => (point(), stroke_path(), any::<bool>(), color())
            .prop_map(|(p, path, highlighter, c)| Action::AddStroke(p, path, highlighter, c)),
        1 => (any::<usize>(), text()).prop_map(|(i, t)| Action::SetConnectorLabel(i, t)),
        2 => (any::<usize>(), connector_props()).prop_map(|(i, p)| Action::SetConnectorProps(i, p)),
    ]
}

pub fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        8 => simple_action(),
        1 => prop::collection::vec(simple_action(), 1..6).prop_map(Action::Batch),
        2 => invalid().prop_map(Action::Invalid),
    ]
}

/// A starting board of up to 12 notes, up to 6 map nodes, perhaps a backdrop, and a few
/// connectors.
pub fn start_board() -> impl Strategy<Value = Board> {
    (
        any::<u64>(),
        prop::collection::vec((point(), color(), text()), 0..12),
        prop::collection::vec((point(), map_node()), 0..6),
        prop::option::of(backdrop_kind()),
        name(),
    )
        .prop_map(|(seed, notes, nodes, backdrop, title)| {
            let mut ids = IdGen::seeded(seed);
            let mut z = ZKey::middle();
            let mut next_z = || {
                z = z.after();
                z.clone()
            };
            let mut items: Vec<Item> = notes
                .into_iter()
                .map(|(pos, color, text)| {
                    Item::note(ids.item_id(|_| false), pos, next_z(), color, text)
                })
                .collect();
            items.extend(
                nodes
                    .into_iter()
                    .map(|(pos, node)| Item::map_node(ids.item_id(|_| false), pos, next_z(), node)),
            );
            items.extend(backdrop.map(|kind| {
                Item::backdrop(ids.item_id(|_| false), Point::new(0.0, 0.0), next_z(), kind)
            }));
            let connectors: Vec<Connector> = items
                .windows(2)
                .step_by(3)
                .filter_map(|pair| match pair {
                    [a, b] => Some(
                        Connector::new(ids.connector_id(|_| false), a.id, b.id)
                            .with_label("leads to"),
                    ),
                    _ => None,
                })
                .collect();
            Board::from_parts(title, items, connectors).unwrap()
        })
}

pub fn pick_item(board: &Board, index: usize) -> Option<ItemId> {
    let len = board.items().len();
    (len > 0).then(|| board.items().nth(index % len).unwrap().id)
}

/// One of the items for which `keep` holds.
fn pick_where(board: &Board, index: usize, keep: impl Fn(&Item) -> bool) -> Option<ItemId> {
    let kept: Vec<&Item> = board.items().filter(|item| keep(item)).collect();
    kept.get(index % kept.len().max(1)).map(|item| item.id)
}

/// An item that has text: anything but rings and grids.
fn pick_text_item(board: &Board, index: usize) -> Option<ItemId> {
    pick_where(board, index, Item::has_text)
}

/// Rings or a grid: backdrops without text.
fn pick_backdrop(board: &Board, index: usize) -> Option<ItemId> {
    pick_where(board, index, |item| !item.has_text())
}

pub fn pick_connector(board: &Board, index: usize) -> Option<ConnectorId> {
    let len = board.connectors().len();
    (len > 0).then(|| board.connectors().nth(index % len).unwrap().id)
}

/// The command an action stands for on `board`, or `None` when there is nothing to act on.
pub fn command_for(board: &Board, action: &Action, ids: &mut IdGen) -> Option<Command> {
    Some(match action {
        Action::AddNote { pos, color, text } => {
            let id = ids.item_id(|id| board.item(id).is_some());
            Command::AddItem(Box::new(Item::note(
                id,
                *pos,
                board.z_above_all(),
                *color,
                text.clone(),
            )))
        }
        // With what the board's rules add, so that a batch can be planned on a scratch copy.
        Action::Delete(i) => {
            rules::expand(board, Command::delete_items(&[pick_item(board, *i)?])).ok()?
        }
        Action::Move(i, to) => Command::MoveItem {
            id: pick_item(board, *i)?,
            to: *to,
        },
        Action::Resize(i, to) => Command::ResizeItem {
            id: pick_item(board, *i)?,
            to: *to,
        },
        Action::SetText(i, text) => Command::SetText {
            id: pick_text_item(board, *i)?,
            text: text.clone(),
        },
        Action::AddMapNode(..)
        | Action::AddPersona(..)
        | Action::AddEmpathyMap(..)
        | Action::AddStroke(..)
        | Action::AddBackdrop(..)
        | Action::AddFrame(..)
        | Action::SetFields(..)
        | Action::SetConnectorLabel(..)
        | Action::SetConnectorProps(..) => map_command_for(board, action, ids)?,
        Action::SetColor(i, color) => Command::SetColor {
            id: pick_item(board, *i)?,
            color: *color,
        },
        Action::SetZ(i, how, j) => {
            let id = pick_item(board, *i)?;
            let z = match how % 3 {
                0 => board.z_above_all(),
                1 => board.z_below_all(),
                _ => {
                    let order: Vec<_> = board.items_bottom_to_top().collect();
                    let below = order.get(j % order.len())?;
                    let above = order.get(j % order.len() + 1);
                    ZKey::between(Some(&below.z), above.map(|item| &item.z))
                }
            };
            Command::SetZ { id, z }
        }
        Action::SetTitle(title) => Command::SetTitle(title.clone()),
        Action::Connect(a, b, label) => Command::AddConnector(Box::new(
            Connector::new(
                ids.connector_id(|id| board.connector(id).is_some()),
                pick_item(board, *a)?,
                pick_item(board, *b)?,
            )
            .with_label(label.clone()),
        )),
        Action::Disconnect(i) => Command::RemoveConnector(pick_connector(board, *i)?),
        Action::Batch(actions) => {
            // Each command must be valid after the ones before it, so plan on a scratch copy.
            let mut scratch = board.clone();
            let mut commands = Vec::new();
            for action in actions {
                if let Some(command) = command_for(&scratch, action, ids) {
                    let expanded = rules::expand(&scratch, command).unwrap();
                    expanded.clone().apply(&mut scratch).unwrap();
                    commands.push(expanded);
                }
            }
            Command::Batch {
                label: "Batch",
                commands,
            }
        }
        Action::Invalid(invalid) => invalid_command(board, invalid, ids)?,
    })
}

/// The command of an action on map items and connector details.
fn map_command_for(board: &Board, action: &Action, ids: &mut IdGen) -> Option<Command> {
    Some(match action {
        Action::AddMapNode(pos, node) => Command::AddItem(Box::new(Item::map_node(
            ids.item_id(|id| board.item(id).is_some()),
            *pos,
            board.z_above_all(),
            node.clone(),
        ))),
        Action::AddStroke(pos, path, highlighter, color) => {
            let samples: Vec<Sample> = path
                .iter()
                .map(|&(dx, dy, pressure)| Sample::new(pos.offset(dx, dy), pressure))
                .collect();
            let tool = if *highlighter {
                StrokeTool::Highlighter
            } else {
                StrokeTool::Pen
            };
            let id = ids.item_id(|id| board.item(id).is_some());
            Command::AddItem(Box::new(Item::stroke(
                id,
                &samples,
                tool,
                board.z_above_all(),
                *color,
            )?))
        }
        Action::AddEmpathyMap(pos, goal) => Command::AddItem(Box::new(Item::empathy_map(
            ids.item_id(|id| board.item(id).is_some()),
            *pos,
            board.z_above_all(),
            EmpathyMap {
                goal: goal.clone(),
                ..EmpathyMap::default()
            },
        ))),
        Action::AddPersona(pos, persona) => Command::AddItem(Box::new(Item::persona(
            ids.item_id(|id| board.item(id).is_some()),
            *pos,
            board.z_above_all(),
            PaletteColor::Blue,
            (**persona).clone(),
        ))),
        Action::AddBackdrop(pos, kind) => Command::AddItem(Box::new(Item::backdrop(
            ids.item_id(|id| board.item(id).is_some()),
            *pos,
            board.z_below_all(),
            kind.clone(),
        ))),
        Action::AddFrame(pos, title, picks) => {
            let id = ids.item_id(|id| board.item(id).is_some());
            let frame = Item::frame(
                id,
                *pos,
                Item::FRAME_SIZE,
                board.z_below_all(),
                Frame::new(title.clone(), picks.len() as u32),
            );
            // Items in no frame (frames among them) go into the new one.
            let mut members: Vec<ItemId> = picks
                .iter()
                .filter_map(|&i| pick_where(board, i, |item| item.parent.is_none()))
                .collect();
            members.sort_unstable();
            members.dedup();
            let mut commands = vec![Command::AddItem(Box::new(frame))];
            commands.extend(members.into_iter().map(|member| Command::SetParent {
                id: member,
                frame: Some(id),
            }));
            Command::Batch {
                label: "Add frame",
                commands,
            }
        }
        Action::SetFields(i, node, rings, text, persona) => {
            let item = board.item(pick_item(board, *i)?)?;
            Command::Batch {
                label: "Edit details",
                commands: field_changes(item, node, rings, text, persona),
            }
        }
        Action::SetConnectorLabel(i, label) => Command::SetConnectorLabel {
            id: pick_connector(board, *i)?,
            label: label.clone(),
        },
        Action::SetConnectorProps(i, props) => {
            let connector = board.connector(pick_connector(board, *i)?)?;
            Command::Batch {
                label: "Change connector",
                commands: ConnectorField::changes(&connector.props, props)
                    .into_iter()
                    .map(|field| Command::SetConnectorField {
                        id: connector.id,
                        field,
                    })
                    .collect(),
            }
        }
        _ => return None,
    })
}

/// Field-by-field changes that give `item` the details of its kind from the generated values.
#[expect(clippy::too_many_lines, reason = "one arm per kind of item")]
fn field_changes(
    item: &Item,
    node: &MapNode,
    rings: &Rings,
    text: &str,
    persona: &Persona,
) -> Vec<Command> {
    let id = item.id;
    let set = |field: ItemField| Command::SetField { id, field };
    let append = |list: ListRef, index: usize, value: ListValue| Command::InsertInList {
        id,
        list,
        index,
        value,
    };
    match &item.kind {
        ItemKind::Note(sticky) => vec![
            set(ItemField::FitText(!sticky.fit_text)),
            set(ItemField::Votes(
                text.chars()
                    .filter(|c| !matches!(c, '\n' | '\r'))
                    .take(20)
                    .collect::<String>()
                    + "v",
                (text.len() % 4) as u32,
            )),
            set(ItemField::ImpactEffort(Some((
                node.influence,
                node.interest,
            )))),
        ],
        ItemKind::Persona(current) => {
            let mut changes: Vec<Command> = PersonaField::ALL
                .into_iter()
                .flat_map(|field| {
                    let entry = field.of(persona);
                    [
                        set(ItemField::PersonaText(field, entry.text.clone())),
                        set(ItemField::PersonaBasis(field, entry.basis.clone())),
                    ]
                })
                .collect();
            changes.push(set(ItemField::DigitalSkills(persona.digital_skills)));
            changes.push(set(ItemField::Portrait(persona.portrait.clone())));
            changes.extend(Channel::ALL.into_iter().map(|channel| {
                set(ItemField::Channel(
                    channel,
                    persona.channels.contains(&channel),
                ))
            }));
            let needs = current.needs.len();
            changes.extend(persona.needs.iter().enumerate().map(|(n, entry)| {
                append(
                    ListRef::Entries(EntryList::Needs),
                    needs + n,
                    ListValue::Entry(entry.clone()),
                )
            }));
            if !current.goals.is_empty() {
                changes.push(Command::RemoveFromList {
                    id,
                    list: ListRef::Entries(EntryList::Goals),
                    index: 0,
                });
            }
            changes.extend(
                persona
                    .custom
                    .first()
                    .map(|field| append(ListRef::Custom, 0, ListValue::Custom(field.clone()))),
            );
            changes
        }
        ItemKind::EmpathyMap(map) => persona
            .pains
            .iter()
            .enumerate()
            .map(|(n, entry)| {
                append(
                    ListRef::Entries(EntryList::Feels),
                    map.feels.len() + n,
                    ListValue::Entry(entry.clone()),
                )
            })
            .collect(),
        ItemKind::MapNode(_) => vec![
            set(ItemField::NodeType(node.node_type.clone())),
            set(ItemField::Description(node.description.clone())),
            set(ItemField::Influence(node.influence)),
            set(ItemField::Interest(node.interest)),
        ],
        ItemKind::Rings(current) => {
            let mut changes: Vec<Command> = current
                .rings
                .iter()
                .zip(&rings.rings)
                .enumerate()
                .map(|(index, (_, name))| set(ItemField::RingName(index, name.clone())))
                .collect();
            if current.rings.len() < Rings::MAX_RINGS {
                changes.push(append(ListRef::Rings, 0, ListValue::Name(text.to_owned())));
            }
            if !current.sectors.is_empty() {
                changes.push(Command::MoveInList {
                    id,
                    list: ListRef::Sectors,
                    from: 0,
                    to: current.sectors.len() - 1,
                });
            }
            changes
        }
        ItemKind::InterestGrid | ItemKind::ImpactGrid | ItemKind::Stroke(_) => Vec::new(),
        ItemKind::Frame(frame) => vec![
            set(ItemField::Collapsed(!frame.collapsed)),
            set(ItemField::Order(text.len() as u32)),
            set(ItemField::Prompt(text.to_owned())),
            set(ItemField::Minutes(frame.minutes.map_or(Some(10), |_| None))),
        ],
    }
}

fn invalid_command(board: &Board, invalid: &Invalid, ids: &mut IdGen) -> Option<Command> {
    let missing_item = |raw: u64| {
        let id = ItemId::from_raw(raw);
        board.item(id).is_none().then_some(id)
    };
    Some(match invalid {
        Invalid::MoveMissing(raw) => Command::MoveItem {
            id: missing_item(*raw)?,
            to: Point::new(1.0, 2.0),
        },
        Invalid::DisconnectMissing(raw) => {
            let id = ConnectorId::from_raw(*raw);
            board
                .connector(id)
                .is_none()
                .then_some(Command::RemoveConnector(id))?
        }
        Invalid::AddDuplicate(i) => {
            let existing = board.item(pick_item(board, *i)?)?.clone();
            Command::AddItem(Box::new(Item {
                pos: Point::new(7.0, 7.0),
                ..existing
            }))
        }
        Invalid::ConnectToMissing(i, raw) => Command::AddConnector(Box::new(Connector::new(
            ids.connector_id(|id| board.connector(id).is_some()),
            pick_item(board, *i)?,
            missing_item(*raw)?,
        ))),
        Invalid::MoveOffTheBoard(i, nan) => Command::MoveItem {
            id: pick_item(board, *i)?,
            to: if *nan {
                Point::new(f32::NAN, 0.0)
            } else {
                Point::new(0.0, -2.0e7)
            },
        },
        Invalid::FrameInItself(i) => {
            let frame = pick_where(board, *i, |item| item.as_frame().is_some())?;
            Command::SetParent {
                id: frame,
                frame: Some(frame),
            }
        }
        Invalid::FieldOfAnotherKind(i) => {
            let item = board.item(pick_item(board, *i)?)?;
            let field = match item.kind {
                ItemKind::MapNode(_) => ItemField::FitText(true),
                _ => ItemField::Influence(Level::High),
            };
            Command::SetField { id: item.id, field }
        }
        Invalid::TextOnBackdrop(i, text) => Command::SetText {
            id: pick_backdrop(board, *i)?,
            text: text.clone(),
        },
        Invalid::BatchEndingBadly(i, to) => Command::Batch {
            label: "Move",
            commands: vec![
                Command::MoveItem {
                    id: pick_item(board, *i)?,
                    to: *to,
                },
                Command::SetTitle("half done".to_owned()),
                Command::MoveItem {
                    id: ItemId::from_raw(0),
                    to: *to,
                },
            ],
        },
    })
}

pub fn assert_round_trips(board: &Board) -> Result<(), TestCaseError> {
    let text = board_to_ron(board);
    let loaded = board_from_ron(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&loaded.board, board);
    prop_assert_eq!(board_to_ron(&loaded.board), text);
    Ok(())
}

/// The board's stacking order is exactly its items sorted by (z key, id), however it was edited.
pub fn assert_stacking_follows_items(board: &Board) -> Result<(), TestCaseError> {
    let stacked: Vec<ItemId> = board.items_bottom_to_top().map(|item| item.id).collect();
    let mut sorted: Vec<(&ZKey, ItemId)> = board.items().map(|item| (&item.z, item.id)).collect();
    sorted.sort();
    let sorted: Vec<ItemId> = sorted.into_iter().map(|(_, id)| id).collect();
    prop_assert_eq!(stacked, sorted);
    Ok(())
}
