mod basics {
    use super::super::*;
    use crate::model::{IdGen, PaletteColor, Size};

    fn board_with_note() -> (Board, ItemId) {
        let mut ids = IdGen::seeded(1);
        let id = ids.item_id(|_| false);
        let note = Item::note(
            id,
            Point::new(0.0, 0.0),
            ZKey::middle(),
            PaletteColor::Yellow,
            "Hi",
        );
        let board = Board::from_parts("Test", [note], []).unwrap();
        (board, id)
    }

    #[test]
    fn put_item_replaces_every_field_and_its_inverse_puts_the_old_item_back() {
        let (mut board, id) = board_with_note();
        let frame = Item::frame(
            ItemId::from_raw(9),
            Point::new(-100.0, -100.0),
            Size::new(1000.0, 600.0),
            ZKey::middle().before(),
            crate::model::Frame::new("Ideas", 1),
        );
        Command::AddItem(Box::new(frame.clone()))
            .apply(&mut board)
            .unwrap();
        let before = board.clone();
        let mut changed = board.item(id).unwrap().clone();
        changed.pos = Point::new(40.0, 50.0);
        changed.z = ZKey::middle().after();
        changed.color = PaletteColor::Pink;
        changed.parent = Some(frame.id);
        changed.kind = ItemKind::Note(crate::model::Note::new("Hi there"));
        let inverse = Command::PutItem(Box::new(changed.clone()))
            .apply(&mut board)
            .unwrap();
        assert_eq!(board.item(id), Some(&changed));
        assert_eq!(board.member_ids(frame.id).collect::<Vec<_>>(), [id]);
        assert_eq!(
            board.items_bottom_to_top().last().map(|item| item.id),
            Some(id)
        );
        inverse.apply(&mut board).unwrap();
        assert_eq!(board, before);

        let mut other_kind = changed.clone();
        other_kind.kind = ItemKind::InterestGrid;
        assert_eq!(
            Command::PutItem(Box::new(other_kind)).apply(&mut board),
            Err(EditError::OtherKind(id))
        );
        let mut inside_itself = frame.clone();
        inside_itself.parent = Some(frame.id);
        assert!(
            Command::PutItem(Box::new(inside_itself))
                .apply(&mut board)
                .is_err()
        );
        assert_eq!(board, before);
    }

    #[test]
    fn move_returns_the_old_position() {
        let (mut board, id) = board_with_note();
        let inverse = Command::MoveItem {
            id,
            to: Point::new(5.0, 6.0),
        }
        .apply(&mut board)
        .unwrap();
        assert_eq!(board.item(id).unwrap().pos, Point::new(5.0, 6.0));
        assert_eq!(
            inverse,
            Command::MoveItem {
                id,
                to: Point::new(0.0, 0.0)
            }
        );
    }

    #[test]
    fn failed_batch_leaves_board_unchanged() {
        let (mut board, id) = board_with_note();
        let before = board.clone();
        let missing = ItemId::from_raw(42);
        let batch = Command::Batch {
            label: "Move",
            commands: vec![
                Command::MoveItem {
                    id,
                    to: Point::new(9.0, 9.0),
                },
                Command::MoveItem {
                    id: missing,
                    to: Point::new(1.0, 1.0),
                },
            ],
        };
        assert_eq!(
            batch.apply(&mut board),
            Err(EditError::MissingItem(missing))
        );
        assert_eq!(board, before);
    }

    #[test]
    fn an_item_with_connectors_or_members_is_not_removed_on_its_own() {
        let (mut board, a) = board_with_note();
        let b = ItemId::from_raw(2);
        let note_b = Item::note(
            b,
            Point::new(300.0, 0.0),
            ZKey::middle().after(),
            PaletteColor::Blue,
            "B",
        );
        Command::AddItem(Box::new(note_b))
            .apply(&mut board)
            .unwrap();
        let link = Connector::new(ConnectorId::from_raw(3), a, b);
        Command::AddConnector(Box::new(link))
            .apply(&mut board)
            .unwrap();
        assert_eq!(
            Command::RemoveItem(a).apply(&mut board.clone()),
            Err(EditError::ItemHasConnectors(a))
        );
        let frame = Item::frame(
            ItemId::from_raw(9),
            Point::new(-100.0, -100.0),
            Size::new(1000.0, 600.0),
            ZKey::middle().before(),
            crate::model::Frame::new("Ideas", 1),
        );
        Command::AddItem(Box::new(frame)).apply(&mut board).unwrap();
        Command::SetParent {
            id: b,
            frame: Some(ItemId::from_raw(9)),
        }
        .apply(&mut board)
        .unwrap();
        let before = board.clone();
        assert_eq!(
            Command::RemoveItem(ItemId::from_raw(9)).apply(&mut board),
            Err(EditError::FrameNotEmpty(ItemId::from_raw(9)))
        );
        assert_eq!(board, before);
    }

    #[test]
    fn positions_and_sizes_off_the_board_are_refused() {
        let (mut board, id) = board_with_note();
        let before = board.clone();
        for to in [
            Point::new(f32::NAN, 0.0),
            Point::new(0.0, f32::INFINITY),
            Point::new(1.0e7 + 1.0, 0.0),
        ] {
            let refused = Command::MoveItem { id, to }.apply(&mut board);
            assert!(matches!(refused, Err(EditError::OffBoard { .. })), "{to:?}");
        }
        for to in [
            Size::new(0.0, 10.0),
            Size::new(10.0, f32::NAN),
            Size::new(100_001.0, 10.0),
        ] {
            let refused = Command::ResizeItem { id, to }.apply(&mut board);
            assert!(
                matches!(refused, Err(EditError::Undrawable { .. })),
                "{to:?}"
            );
        }
        let mut far = board.item(id).unwrap().clone();
        far.id = ItemId::from_raw(77);
        far.pos = Point::new(-2.0e7, 0.0);
        let refused = Command::AddItem(Box::new(far)).apply(&mut board);
        assert!(matches!(
            refused,
            Err(EditError::OffBoard { field: "x", .. })
        ));
        assert_eq!(board, before);
    }

    #[test]
    fn a_frame_cannot_go_inside_itself() {
        let mut board = Board::new("Frames");
        let frame = |raw: u64| {
            Item::frame(
                ItemId::from_raw(raw),
                Point::new(0.0, 0.0),
                Size::new(800.0, 600.0),
                ZKey::middle(),
                crate::model::Frame::new("", 1),
            )
        };
        for raw in [1, 2, 3] {
            Command::AddItem(Box::new(frame(raw)))
                .apply(&mut board)
                .unwrap();
        }
        let put = |id: u64, into: u64| Command::SetParent {
            id: ItemId::from_raw(id),
            frame: Some(ItemId::from_raw(into)),
        };
        put(2, 1).apply(&mut board).unwrap();
        put(3, 2).apply(&mut board).unwrap();
        let before = board.clone();
        for (id, into) in [(1, 1), (1, 3), (1, 2)] {
            assert_eq!(
                put(id, into).apply(&mut board),
                Err(EditError::Board(BoardError::FrameInItself(
                    ItemId::from_raw(id)
                )))
            );
        }
        assert_eq!(board, before);
        assert_eq!(board.depth(ItemId::from_raw(3)), 2);
    }
}

mod maps {
    use super::super::*;
    use crate::model::{ConnectorProps, IdGen, Level, MapNode, NodeType, Polarity, Rings};

    fn board_with_node_and_rings() -> (Board, ItemId, ItemId) {
        let mut ids = IdGen::seeded(7);
        let node = Item::map_node(
            ids.item_id(|_| false),
            Point::new(0.0, 0.0),
            ZKey::middle(),
            MapNode {
                label: "Registry".into(),
                node_type: NodeType::MunicipalDepartment,
                ..MapNode::default()
            },
        );
        let rings = Item::backdrop(
            ids.item_id(|_| false),
            Point::new(-500.0, -500.0),
            ZKey::middle().before(),
            ItemKind::Rings(Rings::default()),
        );
        let (node_id, rings_id) = (node.id, rings.id);
        let board = Board::from_parts("Map", [node, rings], []).unwrap();
        (board, node_id, rings_id)
    }

    #[test]
    fn field_changes_touch_one_field_and_undo_restores_it() {
        let (mut board, node, rings) = board_with_node_and_rings();
        let before = board.clone();
        let mut inverses = Vec::new();
        for (id, field) in [
            (
                node,
                ItemField::NodeType(NodeType::Custom("Archive".into())),
            ),
            (node, ItemField::Description("Keeps paper records".into())),
            (node, ItemField::Influence(Level::VeryHigh)),
            (rings, ItemField::RingName(1, "Close".into())),
        ] {
            inverses.push(Command::SetField { id, field }.apply(&mut board).unwrap());
        }
        let ItemKind::MapNode(changed) = &board.item(node).unwrap().kind else {
            panic!("a map node");
        };
        assert_eq!(changed.description, "Keeps paper records");
        assert_eq!(changed.interest, Level::Medium, "other fields stay");
        for inverse in inverses.into_iter().rev() {
            inverse.apply(&mut board).unwrap();
        }
        assert_eq!(board, before);
    }

    #[test]
    fn a_field_of_another_kind_or_list_place_is_refused() {
        let (mut board, node, rings) = board_with_node_and_rings();
        let before = board.clone();
        let wrong = Command::SetField {
            id: rings,
            field: ItemField::Influence(Level::Low),
        }
        .apply(&mut board);
        assert!(matches!(wrong, Err(EditError::Field { item, .. }) if item == rings));
        let missing = Command::SetField {
            id: node,
            field: ItemField::EntryText(crate::model::EntryList::Needs, 0, "x".into()),
        }
        .apply(&mut board);
        assert!(missing.is_err());
        let last_ring = Command::Batch {
            label: "Remove",
            commands: (0..3)
                .map(|_| Command::RemoveFromList {
                    id: rings,
                    list: ListRef::Rings,
                    index: 0,
                })
                .collect(),
        }
        .apply(&mut board);
        assert!(last_ring.is_err(), "a backdrop keeps at least one ring");
        assert_eq!(board, before);
    }

    #[test]
    fn list_entries_go_in_move_and_come_out() {
        let (mut board, _, rings) = board_with_node_and_rings();
        let before = board.clone();
        let add = Command::InsertInList {
            id: rings,
            list: ListRef::Rings,
            index: 3,
            value: ListValue::Name("Far".into()),
        }
        .apply(&mut board)
        .unwrap();
        let reorder = Command::MoveInList {
            id: rings,
            list: ListRef::Rings,
            from: 3,
            to: 0,
        }
        .apply(&mut board)
        .unwrap();
        let ItemKind::Rings(now) = &board.item(rings).unwrap().kind else {
            panic!("rings");
        };
        assert_eq!(now.rings, ["Far", "Core", "Direct", "Indirect"]);
        reorder.apply(&mut board).unwrap();
        add.apply(&mut board).unwrap();
        assert_eq!(board, before);
    }

    #[test]
    fn text_sets_a_node_label_but_a_backdrop_has_none() {
        let (mut board, node, rings) = board_with_node_and_rings();
        Command::SetText {
            id: node,
            text: "Civil registry".into(),
        }
        .apply(&mut board)
        .unwrap();
        assert_eq!(board.item(node).unwrap().text(), "Civil registry");
        let before = board.clone();
        assert_eq!(
            Command::SetText {
                id: rings,
                text: "x".into()
            }
            .apply(&mut board),
            Err(EditError::NoText(rings))
        );
        assert_eq!(board, before);
    }

    #[test]
    fn connector_label_and_props_change_and_undo() {
        let (mut board, node, _) = board_with_node_and_rings();
        let other = Item::map_node(
            ItemId::from_raw(99),
            Point::new(400.0, 0.0),
            ZKey::middle().after(),
            MapNode::default(),
        );
        Command::AddItem(Box::new(other)).apply(&mut board).unwrap();
        let id = ConnectorId::from_raw(5);
        Command::AddConnector(Box::new(Connector::new(id, node, ItemId::from_raw(99))))
            .apply(&mut board)
            .unwrap();
        let before = board.clone();
        let props = ConnectorProps {
            polarity: Some(Polarity::Negative),
            delay: true,
            ..ConnectorProps::default()
        };
        let undo_props = Command::Batch {
            label: "Change connector",
            commands: ConnectorField::changes(&ConnectorProps::default(), &props)
                .into_iter()
                .map(|field| Command::SetConnectorField { id, field })
                .collect(),
        }
        .apply(&mut board)
        .unwrap();
        let undo_label = Command::SetConnectorLabel {
            id,
            label: "slows down".into(),
        }
        .apply(&mut board)
        .unwrap();
        let connector = board.connector(id).unwrap();
        assert_eq!(
            (connector.label.as_str(), &connector.props),
            ("slows down", &props)
        );
        undo_label.apply(&mut board).unwrap();
        undo_props.apply(&mut board).unwrap();
        assert_eq!(board, before);
        assert_eq!(
            Command::SetConnectorLabel {
                id: ConnectorId::from_raw(6),
                label: String::new()
            }
            .apply(&mut board),
            Err(EditError::MissingConnector(ConnectorId::from_raw(6)))
        );
    }

    #[test]
    fn backdrops_are_picked_only_by_their_title_strip() {
        let (board, _, rings) = board_with_node_and_rings();
        let strip = board
            .item_at(Point::new(-400.0, -480.0))
            .map(|item| item.id);
        assert_eq!(strip, Some(rings));
        // Inside the rings but away from the node, a click reaches the canvas.
        assert!(board.item_at(Point::new(-400.0, 300.0)).is_none());
    }
}

mod portraits {
    use super::super::*;
    use crate::model::{PaletteColor, Persona, Portrait, StrokePoint};

    fn board_with_persona() -> (Board, ItemId) {
        let id = ItemId::from_raw(3);
        let card = Item::persona(
            id,
            Point::new(0.0, 0.0),
            ZKey::middle(),
            PaletteColor::Teal,
            Persona::named("Nana"),
        );
        (Board::from_parts("Personas", [card], []).unwrap(), id)
    }

    fn smile() -> Portrait {
        Portrait::new([vec![
            StrokePoint::rounded(30.0, 60.0, None),
            StrokePoint::rounded(70.0, 60.0, None),
        ]])
    }

    fn portrait_of(board: &Board, id: ItemId) -> Portrait {
        match &board.item(id).unwrap().kind {
            ItemKind::Persona(persona) => persona.portrait.clone(),
            _ => panic!("a persona"),
        }
    }

    #[test]
    fn a_portrait_is_drawn_in_one_step_and_its_inverse_clears_it() {
        let (mut board, id) = board_with_persona();
        let before = board.clone();
        let draw = Command::SetField {
            id,
            field: ItemField::Portrait(smile()),
        };
        assert_eq!(draw.label(), "Draw portrait");
        let inverse = draw.apply(&mut board).unwrap();
        assert_eq!(portrait_of(&board, id), smile());
        assert_eq!(inverse.label(), "Clear portrait");
        inverse.apply(&mut board).unwrap();
        assert_eq!(board, before);
    }

    #[test]
    fn a_portrait_that_cannot_be_drawn_or_on_another_kind_is_refused() {
        let (mut board, id) = board_with_persona();
        let before = board.clone();
        let bad = Portrait::from_flat_lines(&[vec![1.0, f32::INFINITY, -1.0]]).unwrap();
        let refused = Command::SetField {
            id,
            field: ItemField::Portrait(bad.clone()),
        }
        .apply(&mut board);
        assert!(matches!(refused, Err(EditError::Field { item, .. }) if item == id));
        let mut card = board.item(id).unwrap().clone();
        if let ItemKind::Persona(persona) = &mut card.kind {
            persona.portrait = bad;
        }
        assert!(Command::PutItem(Box::new(card)).apply(&mut board).is_err());
        let note = Item::note(
            ItemId::from_raw(4),
            Point::new(500.0, 0.0),
            ZKey::middle(),
            PaletteColor::Yellow,
            "",
        );
        Command::AddItem(Box::new(note)).apply(&mut board).unwrap();
        let on_a_note = Command::SetField {
            id: ItemId::from_raw(4),
            field: ItemField::Portrait(smile()),
        }
        .apply(&mut board);
        assert!(on_a_note.is_err());
        Command::RemoveItem(ItemId::from_raw(4))
            .apply(&mut board)
            .unwrap();
        assert_eq!(board, before);
    }
}
