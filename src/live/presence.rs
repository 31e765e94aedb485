//! Who is in the room and what they are doing: the state each client shares as standard Yjs
//! awareness (see `docs/live-schema.md`, "Who is in the room"). It is never part of the board.
//!
//! States from the network are read field by field: a field that is missing or of the wrong
//! type is read as absent, and the rest of the state still counts.

use serde_json::{Map, Value, json};

use crate::model::{ItemId, Point};

/// The longest state read from another client; a longer one is ignored.
pub const MAX_STATE_BYTES: usize = 64 * 1024;
/// The most selected items read from one state.
const MAX_SELECTION: usize = 1000;
/// The longest name shown.
const MAX_NAME_CHARS: usize = 60;
/// The longest stage title or prompt shown.
const MAX_STAGE_CHARS: usize = 400;

/// What a client uses to take part.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum App {
    /// A Civic Canvas window.
    #[default]
    Window,
    /// The participant page in a browser.
    Page,
}

/// A view of the board: the board point at its middle, its zoom and its size on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SharedView {
    /// The board point at the middle of the view.
    pub center: Point,
    /// Screen points per board unit.
    pub zoom: f32,
    /// Width and height on screen (points), so that a follower shows the same part of the
    /// board.
    pub size: Option<[f32; 2]>,
}

/// The stage a facilitator is showing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stage {
    /// The frame's title.
    pub title: String,
    /// What the stage asks of participants (empty when it asks nothing in words).
    pub prompt: String,
    /// The frame's id.
    pub frame: Option<ItemId>,
}

/// Dot voting as the facilitator runs it: participants may vote while it is shared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Voting {
    /// How many votes each participant may give, over all notes.
    pub budget: u32,
    /// Whether the counts are hidden until the facilitator reveals them.
    pub hidden: bool,
}

impl Voting {
    /// The largest budget a facilitator can set.
    pub const MAX_BUDGET: u32 = 99;
}

/// One client's presence.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Presence {
    /// The name people see (may be empty).
    pub name: String,
    /// `#rrggbb`.
    pub color: Option<[u8; 3]>,
    /// What the client uses.
    pub app: App,
    /// Whether this window started the session.
    pub facilitator: bool,
    /// The pointer, in board coordinates.
    pub cursor: Option<Point>,
    /// The items selected there.
    pub selection: Vec<ItemId>,
    /// The item being typed in there.
    pub editing: Option<ItemId>,
    /// The view of the board there.
    pub view: Option<SharedView>,
    /// Raised each time this client asks everyone to come to its view.
    pub summon: u64,
    /// The stage shown there.
    pub stage: Option<Stage>,
    /// Dot voting, while the facilitator lets participants vote.
    pub voting: Option<Voting>,
}

/// Another client in the room.
#[derive(Clone, Debug, PartialEq)]
pub struct Peer {
    /// The client's awareness id: stable while it stays in the room.
    pub client: u64,
    /// What the client shares.
    pub presence: Presence,
}

impl Peer {
    /// The colour the client asked for, or one picked from its id.
    pub fn color(&self) -> [u8; 3] {
        self.presence
            .color
            .unwrap_or_else(|| color_for(self.client))
    }

    /// The name to show: the client's, or a stand-in when it gave none.
    pub fn name(&self) -> String {
        if self.presence.name.is_empty() {
            match self.presence.app {
                App::Window => "Someone at Civic Canvas".to_owned(),
                App::Page => "A participant".to_owned(),
            }
        } else {
            self.presence.name.clone()
        }
    }
}

/// Eight colours that stay apart from each other and readable as text on white, also in a
/// compressed video.
pub const PEOPLE_COLORS: [[u8; 3]; 8] = [
    [0x1f, 0x5f, 0xbf],
    [0xc0, 0x39, 0x2b],
    [0x1e, 0x84, 0x49],
    [0x8e, 0x44, 0xad],
    [0xb9, 0x5c, 0x00],
    [0x00, 0x7c, 0x89],
    [0xad, 0x14, 0x57],
    [0x4e, 0x5d, 0x6c],
];

/// A colour for client `client`, the same every time.
pub fn color_for(client: u64) -> [u8; 3] {
    let index = usize::try_from(client % PEOPLE_COLORS.len() as u64).unwrap_or(0);
    PEOPLE_COLORS
        .get(index)
        .copied()
        .unwrap_or([0x1f, 0x5f, 0xbf])
}

fn hex(color: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", color[0], color[1], color[2])
}

fn parse_hex(text: &str) -> Option<[u8; 3]> {
    let digits = text.strip_prefix('#')?;
    if digits.len() != 6 || !digits.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(digits.get(i..i + 2)?, 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

fn finite(value: Option<&Value>) -> Option<f32> {
    let number = value?.as_f64()? as f32;
    number.is_finite().then_some(number)
}

fn point(value: Option<&Value>) -> Option<Point> {
    let object = value?.as_object()?;
    Some(Point::new(
        finite(object.get("x"))?,
        finite(object.get("y"))?,
    ))
}

fn item_id(value: &Value) -> Option<ItemId> {
    value.as_str()?.parse().ok()
}

fn short(text: &str, most: usize) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .take(most)
        .collect()
}

impl Presence {
    /// The state as the JSON other clients read.
    pub fn to_json(&self) -> String {
        let mut user = Map::new();
        user.insert("name".into(), Value::from(self.name.as_str()));
        if let Some(color) = self.color {
            user.insert("color".into(), Value::from(hex(color)));
        }
        let state = json!({
            "user": user,
            "app": match self.app { App::Window => "civic-canvas", App::Page => "participant-page" },
            "role": if self.facilitator { "facilitator" } else { "colleague" },
            "cursor": self.cursor.map(|p| json!({ "x": p.x, "y": p.y })),
            "selection": self.selection.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "editing": self.editing.map(|id| id.to_string()),
            "view": self.view.map(|v| {
                let mut view = json!({ "x": v.center.x, "y": v.center.y, "zoom": v.zoom });
                if let (Some([w, h]), Some(object)) = (v.size, view.as_object_mut()) {
                    object.insert("w".into(), Value::from(w));
                    object.insert("h".into(), Value::from(h));
                }
                view
            }),
            "summon": self.summon,
            "stage": self.stage.as_ref().map(|s| json!({
                "title": s.title,
                "prompt": s.prompt,
                "id": s.frame.map(|id| id.to_string()),
            })),
            "voting": self.voting.map(|v| json!({ "budget": v.budget, "hidden": v.hidden })),
        });
        state.to_string()
    }

    /// Reads a state another client shared; `None` when it is not a JSON object (or is too
    /// long to be one of ours).
    pub fn from_json(text: &str) -> Option<Self> {
        if text.len() > MAX_STATE_BYTES {
            return None;
        }
        let state: Value = serde_json::from_str(text).ok()?;
        let state = state.as_object()?;
        let user = state.get("user").and_then(Value::as_object);
        let name = user
            .and_then(|user| user.get("name"))
            .and_then(Value::as_str)
            .map(|name| short(name.trim(), MAX_NAME_CHARS))
            .unwrap_or_default();
        let color = user
            .and_then(|user| user.get("color"))
            .and_then(Value::as_str)
            .and_then(parse_hex);
        let app = match state.get("app").and_then(Value::as_str) {
            Some("participant-page") => App::Page,
            _ => App::Window,
        };
        let view = state
            .get("view")
            .and_then(Value::as_object)
            .and_then(|view| {
                let zoom = finite(view.get("zoom")).filter(|zoom| *zoom > 0.0)?;
                let size = finite(view.get("w")).zip(finite(view.get("h")));
                Some(SharedView {
                    center: Point::new(finite(view.get("x"))?, finite(view.get("y"))?),
                    zoom,
                    size: size.map(|(w, h)| [w, h]),
                })
            });
        let shown_stage = state
            .get("stage")
            .and_then(Value::as_object)
            .and_then(|stage| {
                let text = |key: &str| {
                    stage
                        .get(key)
                        .and_then(Value::as_str)
                        .map(|t| short(t, MAX_STAGE_CHARS))
                };
                Some(Stage {
                    title: text("title")?,
                    prompt: text("prompt").unwrap_or_default(),
                    frame: stage.get("id").and_then(item_id),
                })
            });
        Some(Self {
            name,
            color,
            app,
            facilitator: state.get("role").and_then(Value::as_str) == Some("facilitator"),
            cursor: point(state.get("cursor")),
            selection: state
                .get("selection")
                .and_then(Value::as_array)
                .map(|ids| ids.iter().take(MAX_SELECTION).filter_map(item_id).collect())
                .unwrap_or_default(),
            editing: state.get("editing").and_then(item_id),
            view,
            summon: state.get("summon").and_then(Value::as_u64).unwrap_or(0),
            stage: shown_stage,
            voting: state
                .get("voting")
                .and_then(Value::as_object)
                .and_then(|voting| {
                    Some(Voting {
                        budget: voting
                            .get("budget")
                            .and_then(Value::as_u64)
                            .and_then(|n| u32::try_from(n).ok())?
                            .min(Voting::MAX_BUDGET),
                        hidden: voting
                            .get("hidden")
                            .and_then(Value::as_bool)
                            .unwrap_or(false),
                    })
                }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_goes_out_and_comes_back_the_same() {
        let presence = Presence {
            name: "Ana".into(),
            color: Some([0x1f, 0x5f, 0xbf]),
            app: App::Window,
            facilitator: true,
            cursor: Some(Point::new(10.5, -4.0)),
            selection: vec![ItemId::from_raw(3), ItemId::from_raw(40)],
            editing: Some(ItemId::from_raw(3)),
            view: Some(SharedView {
                center: Point::new(100.0, 50.0),
                zoom: 1.5,
                size: Some([1600.0, 900.0]),
            }),
            summon: 2,
            stage: Some(Stage {
                title: "Ideation".into(),
                prompt: "How might we…".into(),
                frame: Some(ItemId::from_raw(9)),
            }),
            voting: Some(Voting {
                budget: 5,
                hidden: true,
            }),
        };
        let json = presence.to_json();
        assert!(json.contains("\"color\":\"#1f5fbf\""), "{json}");
        assert_eq!(Presence::from_json(&json), Some(presence));
    }

    #[test]
    fn a_bad_field_is_read_as_missing_and_the_rest_still_counts() {
        let seven = ItemId::from_raw(7);
        let read = Presence::from_json(&format!(
            r#"{{"user":{{"name":"  Lela\u0007 ","color":"red"}},"app":"participant-page",
                "cursor":{{"x":"1","y":2}},"selection":["{seven}",8,null,"x"],"editing":12,
                "view":{{"x":1,"y":2,"zoom":0}},"summon":-1,"stage":{{"prompt":"no title"}}}}"#
        ))
        .unwrap();
        assert_eq!(read.name, "Lela");
        assert_eq!(read.color, None);
        assert_eq!(read.app, App::Page);
        assert!(!read.facilitator);
        assert_eq!(read.cursor, None);
        assert_eq!(read.selection, vec![seven]);
        assert_eq!(read.editing, None);
        assert_eq!(read.view, None);
        assert_eq!(read.summon, 0);
        assert_eq!(read.stage, None);
        for not_a_state in ["null", "[1,2]", "\"hi\"", "{", ""] {
            assert_eq!(Presence::from_json(not_a_state), None, "{not_a_state}");
        }
        let long = format!(r#"{{"user":{{"name":"{}"}}}}"#, "a".repeat(MAX_STATE_BYTES));
        assert_eq!(Presence::from_json(&long), None);
    }

    #[test]
    fn everyone_has_a_name_and_a_colour() {
        let page = Peer {
            client: 9,
            presence: Presence {
                app: App::Page,
                ..Presence::default()
            },
        };
        assert_eq!(page.name(), "A participant");
        assert_eq!(page.color(), color_for(9));
        assert_ne!(color_for(1), color_for(2));
    }
}
