//! Undo and redo, checked on random edit sequences: undoing everything gives back the original
//! board, redoing everything gives the final one, rejected commands change nothing, and every
//! board survives a save and load unchanged.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use civic_canvas::edit::{Command, History};
use civic_canvas::model::{
    Arrows, Basis, Board, Channel, Connector, ConnectorId, ConnectorProps, CustomField, EmpathyMap,
    Entry, Frame, IdGen, Item, ItemId, ItemKind, Level, LineStyle, MapNode, NodeType, Note,
    PaletteColor, Persona, Point, Polarity, Relation, Rings, Route, Size, ZKey,
};
use civic_canvas::storage::{board_from_ron, board_to_ron};
use proptest::prelude::*;

/// One step of a random edit session. Indices pick among whatever exists when the step runs, so
/// every generated command is valid for the board at that moment (except the `Invalid` ones).
#[derive(Clone, Debug)]
enum Action {
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
    AddBackdrop(Point, ItemKind),
    /// A frame around some of the items that are in no frame yet.
    AddFrame(Point, String, Vec<usize>),
    /// New details for an item, of whichever of these matches its kind.
    SetKind(usize, MapNode, Rings, String, Box<Persona>),
    SetConnectorLabel(usize, String),
    SetConnectorProps(usize, ConnectorProps),
    Batch(Vec<Action>),
    Invalid(Invalid),
}

/// Commands that must be rejected, leaving the board unchanged.
#[derive(Clone, Debug)]
enum Invalid {
    MoveMissing(u64),
    DisconnectMissing(u64),
    AddDuplicate(usize),
    ConnectToMissing(usize, u64),
    RemoveConnectedItem(usize),
    BatchEndingBadly(usize, Point),
    ChangeKind(usize),
    TextOnBackdrop(usize, String),
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z0-9 ,.!?'\"\\\\\n\tëçșțčćđђћџѓќѕіїєґქართული\u{301}]{0,40}",
        1 => any::<String>(),
    ]
}

fn point() -> impl Strategy<Value = Point> {
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
        1 => text().prop_map(NodeType::Custom),
    ];
    (text(), node_type, text(), level(), level()).prop_map(
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

fn persona() -> impl Strategy<Value = Persona> {
    (
        text(),
        prop::collection::vec(entry(), 9),
        prop::collection::vec(prop::collection::vec(entry(), 0..4), 4),
        prop::option::of(1..=Persona::MAX_SKILLS),
        prop::collection::btree_set(prop::sample::select(Channel::ALL.to_vec()), 0..4),
        prop::collection::vec((text(), entry()), 0..3),
    )
        .prop_map(|(name, fields, lists, digital_skills, channels, custom)| {
            let mut fields = fields.into_iter();
            let mut next = || fields.next().unwrap_or_default();
            let mut lists = lists.into_iter();
            let mut list = || lists.next().unwrap_or_default();
            Persona {
                name,
                photo: None,
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
        })
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
        any::<usize>().prop_map(Invalid::RemoveConnectedItem),
        (any::<usize>(), point()).prop_map(|(a, p)| Invalid::BatchEndingBadly(a, p)),
        any::<usize>().prop_map(Invalid::ChangeKind),
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
            |(i, node, rings, text, persona)| Action::SetKind(i, node, rings, text, Box::new(persona))
        ),
        1 => (point(), persona()).prop_map(|(p, persona)| Action::AddPersona(p, Box::new(persona))),
        1 => (point(), text()).prop_map(|(p, goal)| Action::AddEmpathyMap(p, goal)),
        1 => (any::<usize>(), text()).prop_map(|(i, t)| Action::SetConnectorLabel(i, t)),
        2 => (any::<usize>(), connector_props()).prop_map(|(i, p)| Action::SetConnectorProps(i, p)),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        8 => simple_action(),
        1 => prop::collection::vec(simple_action(), 1..6).prop_map(Action::Batch),
        2 => invalid().prop_map(Action::Invalid),
    ]
}

/// A starting board of up to 12 notes, up to 6 map nodes, perhaps a backdrop, and a few
/// connectors.
fn start_board() -> impl Strategy<Value = Board> {
    (
        any::<u64>(),
        prop::collection::vec((point(), color(), text()), 0..12),
        prop::collection::vec((point(), map_node()), 0..6),
        prop::option::of(backdrop_kind()),
        text(),
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

fn pick_item(board: &Board, index: usize) -> Option<ItemId> {
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

fn pick_connector(board: &Board, index: usize) -> Option<ConnectorId> {
    let len = board.connectors().len();
    (len > 0).then(|| board.connectors().nth(index % len).unwrap().id)
}

/// The command an action stands for on `board`, or `None` when there is nothing to act on.
fn command_for(board: &Board, action: &Action, ids: &mut IdGen) -> Option<Command> {
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
        Action::Delete(i) => Command::delete_items(board, &[pick_item(board, *i)?]),
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
        | Action::AddBackdrop(..)
        | Action::AddFrame(..)
        | Action::SetKind(..)
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
                    command.clone().apply(&mut scratch).unwrap();
                    commands.push(command);
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
            let mut frame = Frame::new(title.clone(), picks.len() as u32);
            frame.members = picks
                .iter()
                .filter_map(|&i| {
                    pick_where(board, i, |item| {
                        item.as_frame().is_none() && board.frame_of(item.id).is_none()
                    })
                })
                .collect();
            Command::AddItem(Box::new(Item::frame(
                ids.item_id(|id| board.item(id).is_some()),
                *pos,
                Item::FRAME_SIZE,
                board.z_below_all(),
                frame,
            )))
        }
        Action::SetKind(i, node, rings, text, persona) => {
            let item = board.item(pick_item(board, *i)?)?;
            let kind = match &item.kind {
                ItemKind::Note(_) => ItemKind::Note(Note {
                    text: text.clone(),
                    fit_text: text.len() % 2 == 0,
                }),
                ItemKind::Persona(_) => ItemKind::Persona(persona.clone()),
                ItemKind::EmpathyMap(_) => ItemKind::EmpathyMap(Box::new(EmpathyMap {
                    goal: text.clone(),
                    says: persona.needs.clone(),
                    pains: persona.pains.clone(),
                    ..EmpathyMap::default()
                })),
                ItemKind::MapNode(_) => ItemKind::MapNode(node.clone()),
                ItemKind::Rings(_) => ItemKind::Rings(rings.clone()),
                ItemKind::InterestGrid => ItemKind::InterestGrid,
                ItemKind::Frame(frame) => ItemKind::Frame(Frame {
                    title: text.clone(),
                    collapsed: !frame.collapsed,
                    order: text.len() as u32,
                    ..frame.clone()
                }),
            };
            Command::SetKind {
                id: item.id,
                kind: Box::new(kind),
            }
        }
        Action::SetConnectorLabel(i, label) => Command::SetConnectorLabel {
            id: pick_connector(board, *i)?,
            label: label.clone(),
        },
        Action::SetConnectorProps(i, props) => Command::SetConnectorProps {
            id: pick_connector(board, *i)?,
            props: Box::new(props.clone()),
        },
        _ => return None,
    })
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
        Invalid::RemoveConnectedItem(i) => {
            let connector = board.connector(pick_connector(board, *i)?)?;
            Command::RemoveItem(connector.from)
        }
        Invalid::ChangeKind(i) => {
            let item = board.item(pick_item(board, *i)?)?;
            let other = match item.kind {
                ItemKind::Note(_) => ItemKind::InterestGrid,
                _ => ItemKind::Note(Note::default()),
            };
            Command::SetKind {
                id: item.id,
                kind: Box::new(other),
            }
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

fn assert_round_trips(board: &Board) -> Result<(), TestCaseError> {
    let text = board_to_ron(board);
    let loaded = board_from_ron(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&loaded.board, board);
    prop_assert_eq!(board_to_ron(&loaded.board), text);
    Ok(())
}

/// The board's stacking order is exactly its items sorted by (z key, id), however it was edited.
fn assert_stacking_follows_items(board: &Board) -> Result<(), TestCaseError> {
    let stacked: Vec<ItemId> = board.items_bottom_to_top().map(|item| item.id).collect();
    let mut sorted: Vec<(&ZKey, ItemId)> = board.items().map(|item| (&item.z, item.id)).collect();
    sorted.sort();
    let sorted: Vec<ItemId> = sorted.into_iter().map(|(_, id)| id).collect();
    prop_assert_eq!(stacked, sorted);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn undo_all_restores_the_start_and_redo_all_the_end(
        start in start_board(),
        actions in prop::collection::vec(action(), 1..40),
        seed in any::<u64>(),
    ) {
        // Item id 0 is used as "missing" by the invalid batch.
        prop_assume!(start.item(ItemId::from_raw(0)).is_none());
        let mut ids = IdGen::seeded(seed);
        let mut board = start.clone();
        let mut history = History::default();
        let mut states = vec![start.clone()];
        for action in &actions {
            let Some(command) = command_for(&board, action, &mut ids) else { continue };
            let before = board.clone();
            let result = history.apply(&mut board, command);
            if matches!(action, Action::Invalid(_)) {
                prop_assert!(result.is_err(), "{:?} was accepted", action);
                prop_assert_eq!(&board, &before);
            } else {
                prop_assert!(result.is_ok(), "{:?}: {:?}", action, result);
                states.push(board.clone());
            }
            assert_stacking_follows_items(&board)?;
        }
        let end = board.clone();
        assert_round_trips(&end)?;

        // Undo step by step, through every intermediate board.
        for expected in states.iter().rev().skip(1) {
            prop_assert!(history.undo(&mut board).unwrap());
            prop_assert_eq!(&board, expected);
            assert_stacking_follows_items(&board)?;
        }
        prop_assert!(!history.undo(&mut board).unwrap());
        prop_assert_eq!(&board, &start);
        assert_round_trips(&board)?;

        for expected in states.iter().skip(1) {
            prop_assert!(history.redo(&mut board).unwrap());
            prop_assert_eq!(&board, expected);
        }
        prop_assert!(!history.redo(&mut board).unwrap());
        prop_assert_eq!(&board, &end);
    }
}
