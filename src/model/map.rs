//! Map items: nodes of stakeholder and system maps, and the backdrops they sit on.

use serde::{Deserialize, Serialize};

use super::PaletteColor;

/// A node on a stakeholder or system map: who or what is involved.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapNode {
    /// The name shown on the node, e.g. "Civil registry office".
    pub label: String,
    /// What sort of actor or thing this is; sets the node's shape.
    pub node_type: NodeType,
    /// A longer note about the node; may be empty.
    pub description: String,
    /// How much the node can shape the service.
    pub influence: Level,
    /// How much the node cares about the service.
    pub interest: Level,
}

/// The sorts of actors and things on a city's stakeholder and system maps.
///
/// Each built-in type has its own outline shape (see [`NodeShape`]), so the map reads without
/// colour: in a compressed screen share and for colour-blind viewers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum NodeType {
    /// A group of citizens or residents.
    #[default]
    CitizenGroup,
    /// A department of the municipality.
    MunicipalDepartment,
    /// A public agency or the national government.
    PublicAgency,
    /// A non-governmental organisation or civil-society group.
    CivilSociety,
    /// A business or service provider.
    Business,
    /// An IT system or digital service.
    ItSystem,
    /// A regulator, or a law that constrains the service.
    Regulator,
    /// Anything else.
    Other,
    /// A type named by the user.
    Custom(String),
}

/// The outline a node is drawn with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeShape {
    /// An ellipse.
    Ellipse,
    /// A rectangle with square corners.
    Rectangle,
    /// A house-like pentagon: a rectangle with a pointed roof.
    Pentagon,
    /// A hexagon with pointed left and right ends.
    Hexagon,
    /// A stadium: a rectangle with fully rounded ends.
    Pill,
    /// A parallelogram leaning right.
    Parallelogram,
    /// A diamond (rhombus).
    Diamond,
    /// An octagon.
    Octagon,
}

impl NodeType {
    /// The built-in types, in menu order.
    pub const BUILT_IN: [Self; 8] = [
        Self::CitizenGroup,
        Self::MunicipalDepartment,
        Self::PublicAgency,
        Self::CivilSociety,
        Self::Business,
        Self::ItSystem,
        Self::Regulator,
        Self::Other,
    ];

    /// The type's name as shown in menus and the legend.
    pub fn name(&self) -> &str {
        match self {
            Self::CitizenGroup => "Citizen group",
            Self::MunicipalDepartment => "Municipal department",
            Self::PublicAgency => "Public agency / national government",
            Self::CivilSociety => "NGO / civil society",
            Self::Business => "Business / provider",
            Self::ItSystem => "IT system or service",
            Self::Regulator => "Regulator / law",
            Self::Other => "Other",
            Self::Custom(name) => name,
        }
    }

    /// A short name for the small tag drawn on the node.
    pub fn tag(&self) -> &str {
        match self {
            Self::CitizenGroup => "Citizens",
            Self::MunicipalDepartment => "Municipality",
            Self::PublicAgency => "Agency / government",
            Self::CivilSociety => "NGO",
            Self::Business => "Business",
            Self::ItSystem => "IT system",
            Self::Regulator => "Regulator / law",
            Self::Other => "Other",
            Self::Custom(name) => name,
        }
    }

    /// The outline nodes of this type are drawn with.
    pub fn shape(&self) -> NodeShape {
        match self {
            Self::CitizenGroup => NodeShape::Ellipse,
            Self::MunicipalDepartment => NodeShape::Rectangle,
            Self::PublicAgency => NodeShape::Pentagon,
            Self::CivilSociety => NodeShape::Hexagon,
            Self::Business => NodeShape::Pill,
            Self::ItSystem => NodeShape::Parallelogram,
            Self::Regulator => NodeShape::Diamond,
            Self::Other | Self::Custom(_) => NodeShape::Octagon,
        }
    }

    /// The colour a new node of this type gets.
    pub fn default_color(&self) -> PaletteColor {
        match self {
            Self::CitizenGroup => PaletteColor::Yellow,
            Self::MunicipalDepartment => PaletteColor::Blue,
            Self::PublicAgency => PaletteColor::Purple,
            Self::CivilSociety => PaletteColor::Green,
            Self::Business => PaletteColor::Orange,
            Self::ItSystem => PaletteColor::Teal,
            Self::Regulator => PaletteColor::Red,
            Self::Other | Self::Custom(_) => PaletteColor::Grey,
        }
    }
}

/// A four-step scale for influence and interest.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Level {
    /// Low.
    Low,
    /// Medium.
    #[default]
    Medium,
    /// High.
    High,
    /// Very high.
    VeryHigh,
}

impl Level {
    /// Every level, lowest first.
    pub const ALL: [Self; 4] = [Self::Low, Self::Medium, Self::High, Self::VeryHigh];

    /// The level's name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Low => "Low",
            Self::Medium => "Medium",
            Self::High => "High",
            Self::VeryHigh => "Very high",
        }
    }

    /// 0 for low up to 3 for very high.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The level with this index, clamped to the scale.
    pub fn from_index(index: usize) -> Self {
        match index {
            0 => Self::Low,
            1 => Self::Medium,
            2 => Self::High,
            _ => Self::VeryHigh,
        }
    }
}

/// A stakeholder-rings backdrop: concentric rings, innermost first, optionally cut into sectors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rings {
    /// Ring names, from the centre outwards. Never empty on a valid board.
    pub rings: Vec<String>,
    /// Sector names, clockwise from the top; empty for no sectors.
    pub sectors: Vec<String>,
}

impl Rings {
    /// The most rings a backdrop can have.
    pub const MAX_RINGS: usize = 8;
    /// The most sectors a backdrop can have.
    pub const MAX_SECTORS: usize = 12;

    /// Ring presets offered when creating rings: a name and the ring names, innermost first.
    pub const PRESETS: [(&'static str, &'static [&'static str]); 2] = [
        ("Core / Direct / Indirect", &["Core", "Direct", "Indirect"]),
        (
            "Municipal / Regional / National",
            &["Municipal", "Regional", "National"],
        ),
    ];

    /// Rings from a preset's names, without sectors.
    pub fn from_names(names: &[&str]) -> Self {
        Self {
            rings: names.iter().map(|&name| name.to_owned()).collect(),
            sectors: Vec::new(),
        }
    }
}

impl Default for Rings {
    fn default() -> Self {
        Self::from_names(Self::PRESETS[0].1)
    }
}

/// The quadrant names of the influence/interest grid, as (influence, interest) → name.
pub const GRID_QUADRANTS: [(bool, bool, &str); 4] = [
    (true, false, "Keep satisfied"),
    (true, true, "Manage closely"),
    (false, false, "Monitor"),
    (false, true, "Keep informed"),
];
