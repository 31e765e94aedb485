//! Map items: nodes of stakeholder and system maps, and the backdrops they sit on.

use serde::{Deserialize, Serialize};

use super::{ItemKind, PaletteColor};

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
    /// A persona card on the board that this node stands for (a citizen group's persona).
    pub persona: Option<super::ItemId>,
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

/// The impact/effort grid's quadrants: high impact, high effort, and the quadrant's name.
pub const IMPACT_QUADRANTS: [(bool, bool, &str); 4] = [
    (true, false, "Quick wins"),
    (true, true, "Big bets"),
    (false, false, "Fill-ins"),
    (false, true, "Money pits"),
];

/// Which two-by-two grid places an item of this kind: map nodes go on influence/interest grids,
/// notes on impact/effort grids.
pub fn places_on_grid(item: &ItemKind, grid: &ItemKind) -> bool {
    matches!(
        (item, grid),
        (ItemKind::MapNode(_), ItemKind::InterestGrid) | (ItemKind::Note(_), ItemKind::ImpactGrid)
    )
}

/// Backdrop geometry in board units, shared by drawing and snapping.
impl super::Item {
    /// The part of a backdrop below its title strip: top-left corner and size.
    pub fn backdrop_body(&self) -> (super::Point, super::Size) {
        let header = Self::BACKDROP_HEADER.min(self.size.height);
        (
            self.pos.offset(0.0, header),
            super::Size::new(self.size.width, self.size.height - header),
        )
    }

    /// The centre and outer radius of a stakeholder-rings backdrop's circle.
    pub fn ring_circle(&self) -> (super::Point, f32) {
        let (min, size) = self.backdrop_body();
        let radius = size.width.min(size.height) / 2.0;
        (min.offset(size.width / 2.0, size.height / 2.0), radius)
    }

    /// For a stakeholder-rings backdrop: which ring (0 = innermost) `point` falls in, if any.
    pub fn ring_at(&self, point: super::Point) -> Option<usize> {
        let ItemKind::Rings(rings) = &self.kind else {
            return None;
        };
        let (center, radius) = self.ring_circle();
        let distance = (point.x - center.x).hypot(point.y - center.y);
        // NaN distances fail this test too.
        let inside = distance <= radius && radius > 0.0;
        if !inside {
            return None;
        }
        let count = rings.rings.len().max(1);
        let ring = (distance / radius * count as f32) as usize;
        Some(ring.min(count - 1))
    }

    /// For a stakeholder-rings backdrop: `point` moved along its line from the centre to the
    /// middle of the ring it falls in (where a node dropped there settles). `None` outside.
    pub fn snap_to_ring(&self, point: super::Point) -> Option<super::Point> {
        let ring = self.ring_at(point)?;
        let ItemKind::Rings(rings) = &self.kind else {
            return None;
        };
        let (center, radius) = self.ring_circle();
        let count = rings.rings.len().max(1) as f32;
        let wanted = radius * (ring as f32 + 0.5) / count;
        let (dx, dy) = (point.x - center.x, point.y - center.y);
        let distance = dx.hypot(dy);
        if distance < f32::EPSILON {
            // At the very centre: the innermost ring's middle, straight up.
            return Some(center.offset(0.0, -wanted));
        }
        let scale = wanted / distance;
        Some(center.offset(dx * scale, dy * scale))
    }

    /// For a two-by-two grid: the levels that `point` stands for, upwards first and then
    /// across (an influence/interest grid's influence and interest, an impact/effort grid's
    /// impact and effort), or `None` outside the grid.
    pub fn grid_levels(&self, point: super::Point) -> Option<(Level, Level)> {
        if !matches!(self.kind, ItemKind::InterestGrid | ItemKind::ImpactGrid) {
            return None;
        }
        let (min, size) = self.backdrop_body();
        let fx = (point.x - min.x) / size.width;
        let fy = (point.y - min.y) / size.height;
        if !(0.0..=1.0).contains(&fx) || !(0.0..=1.0).contains(&fy) {
            return None;
        }
        let band = |f: f32| Level::from_index((f * 4.0) as usize);
        Some((band(1.0 - fy), band(fx)))
    }

    /// For a two-by-two grid: the middle of the cell for these levels (upwards, then across).
    pub fn grid_point(&self, influence: Level, interest: Level) -> super::Point {
        let (min, size) = self.backdrop_body();
        let x = (interest.index() as f32 + 0.5) / 4.0;
        let y = 1.0 - (influence.index() as f32 + 0.5) / 4.0;
        min.offset(size.width * x, size.height * y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Item, ItemId, Point, ZKey};

    fn backdrop(kind: ItemKind) -> Item {
        // Body: 1200 × 1200 from (0, 48); circle centre (600, 648), radius 600.
        Item::backdrop(
            ItemId::from_raw(1),
            Point::new(0.0, 0.0),
            ZKey::middle(),
            kind,
        )
    }

    #[test]
    fn points_fall_in_the_ring_of_their_distance_from_the_centre() {
        let rings = backdrop(ItemKind::Rings(Rings::default()));
        assert_eq!(rings.ring_circle(), (Point::new(600.0, 648.0), 600.0));
        assert_eq!(rings.ring_at(Point::new(600.0, 648.0)), Some(0));
        assert_eq!(rings.ring_at(Point::new(600.0 + 250.0, 648.0)), Some(1));
        assert_eq!(rings.ring_at(Point::new(600.0, 648.0 + 599.0)), Some(2));
        assert_eq!(rings.ring_at(Point::new(1199.0, 1199.0)), None);
        assert_eq!(rings.ring_at(Point::new(f32::NAN, 0.0)), None);
        assert_eq!(
            backdrop(ItemKind::InterestGrid).ring_at(Point::new(600.0, 648.0)),
            None
        );
    }

    #[test]
    fn snapping_keeps_the_direction_and_moves_to_the_ring_middle() {
        let rings = backdrop(ItemKind::Rings(Rings::default()));
        // 250 from the centre is in ring 1 (200..400), whose middle is 300.
        let snapped = rings
            .snap_to_ring(Point::new(600.0 - 250.0, 648.0))
            .unwrap();
        assert!((snapped.x - 300.0).abs() < 1e-3 && (snapped.y - 648.0).abs() < 1e-3);
        let diagonal = rings
            .snap_to_ring(Point::new(600.0 + 30.0, 648.0 + 40.0))
            .unwrap();
        assert!((diagonal.x - 660.0).abs() < 1e-3 && (diagonal.y - 728.0).abs() < 1e-3);
        assert!(rings.snap_to_ring(Point::new(2000.0, 0.0)).is_none());
    }

    #[test]
    fn grid_positions_and_levels_agree() {
        let grid = backdrop(ItemKind::InterestGrid);
        for influence in Level::ALL {
            for interest in Level::ALL {
                let point = grid.grid_point(influence, interest);
                assert_eq!(grid.grid_levels(point), Some((influence, interest)));
            }
        }
        // Top right is "Manage closely": very high influence and interest.
        assert_eq!(
            grid.grid_levels(Point::new(1190.0, 60.0)),
            Some((Level::VeryHigh, Level::VeryHigh))
        );
        assert_eq!(grid.grid_levels(Point::new(-1.0, 60.0)), None);
        assert_eq!(grid.grid_levels(Point::new(5.0, 10.0)), None);
    }
}
