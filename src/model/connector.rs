//! Connectors: lines joining two items, with the look and meaning a map needs.

use serde::{Deserialize, Serialize};

use super::{ConnectorId, ItemId};

/// A line from one item to another. Its ends follow the items when they move.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Connector {
    /// Stable unique id, generated once.
    pub id: ConnectorId,
    /// The item the connector starts at.
    pub from: ItemId,
    /// The item the connector ends at.
    pub to: ItemId,
    /// Text shown on the line; may be empty.
    pub label: String,
    /// Arrow ends, line style, routing and map meaning.
    pub props: ConnectorProps,
}

impl Connector {
    /// A plain connector (an arrow from `from` to `to`, no label).
    pub fn new(id: ConnectorId, from: ItemId, to: ItemId) -> Self {
        Self {
            id,
            from,
            to,
            label: String::new(),
            props: ConnectorProps::default(),
        }
    }

    /// The same connector with a label.
    #[must_use]
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }
}

/// Everything about a connector that the inspector edits, apart from its label.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ConnectorProps {
    /// Which ends have arrow heads.
    pub arrows: Arrows,
    /// Solid or dashed.
    pub line: LineStyle,
    /// Straight or curved.
    pub route: Route,
    /// What flows along the link, for stakeholder maps.
    pub relation: Option<Relation>,
    /// How the start affects the end, for system maps (causal loop diagrams).
    pub polarity: Option<Polarity>,
    /// Whether the effect takes time (drawn as a `‖` mark across the line).
    pub delay: bool,
}

/// Which ends of a connector have arrow heads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Arrows {
    /// A plain line.
    None,
    /// An arrow head at the end item.
    #[default]
    To,
    /// An arrow head at the start item.
    From,
    /// Arrow heads at both ends.
    Both,
}

impl Arrows {
    /// Every choice, in menu order.
    pub const ALL: [Self; 4] = [Self::To, Self::From, Self::Both, Self::None];

    /// Menu name.
    pub fn name(self) -> &'static str {
        match self {
            Self::None => "No arrows",
            Self::To => "Arrow to end",
            Self::From => "Arrow to start",
            Self::Both => "Arrows both ways",
        }
    }

    /// Whether there is a head at the end item.
    pub fn at_end(self) -> bool {
        matches!(self, Self::To | Self::Both)
    }

    /// Whether there is a head at the start item.
    pub fn at_start(self) -> bool {
        matches!(self, Self::From | Self::Both)
    }
}

/// How a connector's line is drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LineStyle {
    /// A continuous line.
    #[default]
    Solid,
    /// A dashed line, e.g. for informal or planned links.
    Dashed,
}

/// How far a curved connector bows away from the straight line between its items' centres, at
/// most, as a share of the distance between them (its control point sits twice as far out).
pub const CONNECTOR_BOW: f32 = 0.2;

/// The path a connector takes between its items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Route {
    /// The shortest line.
    #[default]
    Straight,
    /// A gentle arc, so two links between the same items in opposite directions stay apart.
    Curved,
}

/// What flows along a link between stakeholders.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Relation {
    /// Information or reporting.
    Information,
    /// Money: funding, fees, payments.
    Money,
    /// A service delivered.
    Service,
    /// Data exchanged between systems or bodies.
    DataExchange,
    /// A legal mandate or obligation.
    LegalMandate,
    /// Trust or an informal relationship.
    Trust,
    /// Anything else, named by the user.
    Custom(String),
}

impl Relation {
    /// The built-in relations, in menu order.
    pub const BUILT_IN: [Self; 6] = [
        Self::Information,
        Self::Money,
        Self::Service,
        Self::DataExchange,
        Self::LegalMandate,
        Self::Trust,
    ];

    /// The relation's name as shown on the canvas and in menus.
    pub fn name(&self) -> &str {
        match self {
            Self::Information => "Information",
            Self::Money => "Money",
            Self::Service => "Service",
            Self::DataExchange => "Data exchange",
            Self::LegalMandate => "Legal mandate",
            Self::Trust => "Trust",
            Self::Custom(name) => name,
        }
    }
}

/// How a change at a link's start affects its end, as in causal loop diagrams.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Polarity {
    /// More leads to more (and less to less).
    Positive,
    /// More leads to less.
    Negative,
    /// The effect is not known yet.
    Unknown,
}

impl Polarity {
    /// Every choice, in menu order.
    pub const ALL: [Self; 3] = [Self::Positive, Self::Negative, Self::Unknown];

    /// The sign drawn at the arrow head.
    pub fn sign(self) -> &'static str {
        match self {
            Self::Positive => "+",
            Self::Negative => "\u{2212}",
            Self::Unknown => "?",
        }
    }

    /// Menu name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Positive => "+ Same direction",
            Self::Negative => "\u{2212} Opposite direction",
            Self::Unknown => "? Not known yet",
        }
    }
}
