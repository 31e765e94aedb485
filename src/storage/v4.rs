//! Board file format 4: each item names the frame it is in, and frames may be in frames.
//! **Frozen** once released: never change these structs; a change to the file shape is a new
//! format (see [`super::migrate`]).
//!
//! Format 4 changes two things from format 3:
//! - an item in a frame says so with `parent: Some("…")`, the id of its frame, after its
//!   colour; items in no frame leave it out;
//! - frames no longer list their `members`, and a frame may be in another frame (a cluster
//!   inside a workshop stage).
//!
//! Item kinds, connectors and photos are written as in format 3 (`v2.rs`).

use serde::{Deserialize, Serialize};

use super::convert::{images_to_file, kind_from_file, kind_to_file, read_images};
use super::integrity;
use super::locate::Locator;
use super::v1::ColorV1;
use super::v2::{ConnectorV2, ImageV2, KindV2};
use super::{FormatError, LoadWarning};
use crate::model::{Board, Connector, Item, ItemId, Point, Size, ZKey};

/// The whole file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Board", deny_unknown_fields)]
pub(super) struct BoardV4 {
    /// 4.
    pub format: u32,
    /// The board's title.
    pub title: String,
    /// Items, sorted by id.
    pub items: Vec<ItemV4>,
    /// Connectors, sorted by id.
    pub connectors: Vec<ConnectorV2>,
    /// The photos persona cards use, sorted by id; left out when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<ImageV2>,
}

/// One item, with its geometry flattened into plain numbers and the frame it is in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Item", deny_unknown_fields)]
pub(super) struct ItemV4 {
    pub id: ItemId,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub z: ZKey,
    /// The same palette as format 1.
    pub color: ColorV1,
    /// The frame the item is in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<ItemId>,
    pub kind: KindV2,
}

impl BoardV4 {
    /// The file form of `board`, items and connectors sorted by id.
    pub fn from_board(board: &Board) -> Self {
        Self {
            format: 4,
            title: board.title().to_owned(),
            items: board
                .items()
                .map(|item| ItemV4 {
                    id: item.id,
                    x: item.pos.x,
                    y: item.pos.y,
                    width: item.size.width,
                    height: item.size.height,
                    z: item.z.clone(),
                    color: item.color.into(),
                    parent: item.parent,
                    kind: kind_to_file(&item.kind),
                })
                .collect(),
            connectors: board
                .connectors()
                .map(ConnectorV2::from_connector)
                .collect(),
            images: images_to_file(board),
        }
    }

    /// The board this file describes, and the repairs made while reading it. `locator` knows
    /// the file's text, used only to point errors and warnings at the right line.
    pub fn into_board(
        self,
        locator: &Locator<'_>,
    ) -> Result<(Board, Vec<LoadWarning>), FormatError> {
        if let Some(frame) = self
            .items
            .iter()
            .find(|item| matches!(&item.kind, KindV2::Frame { members, .. } if !members.is_empty()))
        {
            return Err(FormatError::InvalidGeometry {
                position: locator.field(&frame.id.to_string(), "members"),
                item: frame.id,
                problem: "a frame in a format 4 file does not list `members`; each item names \
                          its frame with `parent`"
                    .to_owned(),
            });
        }
        let mut items: Vec<Item> = self
            .items
            .into_iter()
            .map(|item| Item {
                id: item.id,
                pos: Point::new(item.x, item.y),
                size: Size::new(item.width, item.height),
                z: item.z,
                color: item.color.into(),
                kind: kind_from_file(item.kind),
                parent: item.parent,
            })
            .collect();
        integrity::check_contents(&items, locator)?;
        let mut warnings = Vec::new();
        let read = read_images(self.images, locator, &mut warnings);
        integrity::forget_missing_photos(&mut items, &read, &mut warnings);
        integrity::drop_bad_persona_links(&mut items, locator, &mut warnings);
        integrity::check_parents(&mut items, locator, &mut warnings);
        let connectors: Vec<Connector> = self
            .connectors
            .into_iter()
            .map(ConnectorV2::into_connector)
            .collect();
        let mut connectors =
            integrity::drop_dangling_connectors(&items, connectors, locator, &mut warnings);
        let mut title = self.title;
        integrity::put_names_on_one_line(
            &mut title,
            &mut items,
            &mut connectors,
            locator,
            &mut warnings,
        );
        let board = integrity::build_board(title, items, connectors, locator)?;
        Ok((board.with_images(read.images), warnings))
    }
}
