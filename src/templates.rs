//! Workshop templates: ready-made boards to start from. The built-in ones (under
//! `assets/templates/`) are part of the program; a facilitator's own are board files in the
//! `templates` folder of the app's data folder, saved with *File → Save as template…*.

use std::path::{Path, PathBuf};

use crate::model::Board;
use crate::storage::{board_from_ron, load_board, save_board};

/// The built-in templates: name and file text.
const BUILT_IN: [(&str, &str); 8] = [
    ("ideation", include_str!("../assets/templates/ideation.ron")),
    (
        "consolidation",
        include_str!("../assets/templates/consolidation.ron"),
    ),
    (
        "solutions-opportunities",
        include_str!("../assets/templates/solutions-opportunities.ron"),
    ),
    (
        "persona-canvas",
        include_str!("../assets/templates/persona-canvas.ron"),
    ),
    (
        "empathy-map",
        include_str!("../assets/templates/empathy-map.ron"),
    ),
    (
        "stakeholder-map",
        include_str!("../assets/templates/stakeholder-map.ron"),
    ),
    (
        "system-map",
        include_str!("../assets/templates/system-map.ron"),
    ),
    (
        "service-journey",
        include_str!("../assets/templates/service-journey.ron"),
    ),
];

/// The longest template name, in characters.
pub const MAX_NAME_CHARS: usize = 60;

/// Where a template comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Part of the program.
    BuiltIn(&'static str),
    /// A board file in the user's templates folder.
    User(PathBuf),
}

/// A template to start a board from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    /// The name to ask for it by (`civic-canvas new --template NAME`): the file name without
    /// `.ron`.
    pub name: String,
    /// Where it comes from.
    pub source: Source,
}

/// Why a template could not be used or saved.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// No template has that name.
    #[error("there is no template called {name:?}; `civic-canvas templates` lists them")]
    Unknown {
        /// The name asked for.
        name: String,
    },
    /// The template's file does not open.
    #[error("the template {name:?} does not open: {why}")]
    Broken {
        /// The template.
        name: String,
        /// Why.
        why: String,
    },
    /// The name cannot be a template's.
    #[error(
        "a template's name is 1 to {MAX_NAME_CHARS} letters, digits, spaces, dashes or \
         underscores, and not that of a built-in template"
    )]
    BadName,
    /// A template of that name exists already.
    #[error("there is a template called {name:?} already; choose another name")]
    Exists {
        /// The name.
        name: String,
    },
    /// There is no folder for the user's templates (no home folder).
    #[error("there is no data folder to keep templates in")]
    NoFolder,
    /// Saving failed.
    #[error("the template could not be saved: {0}")]
    Save(String),
}

/// The user's templates folder: `templates` in the app's data folder.
pub fn user_dir() -> Option<PathBuf> {
    crate::storage::recovery::default_data_dir().map(|dir| dir.join("templates"))
}

/// Every template: the built-in ones, then the user's (`dir`) by name.
pub fn list(dir: Option<&Path>) -> Vec<Template> {
    let mut templates: Vec<Template> = BUILT_IN
        .iter()
        .map(|&(name, text)| Template {
            name: name.to_owned(),
            source: Source::BuiltIn(text),
        })
        .collect();
    let mut own: Vec<Template> = dir
        .and_then(|dir| std::fs::read_dir(dir).ok())
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ron"))
        .filter_map(|path| {
            let name = path.file_stem()?.to_str()?.to_owned();
            (!is_built_in(&name)).then_some(Template {
                name,
                source: Source::User(path),
            })
        })
        .collect();
    own.sort_by(|a, b| a.name.cmp(&b.name));
    templates.extend(own);
    templates
}

fn is_built_in(name: &str) -> bool {
    BUILT_IN.iter().any(|(built_in, _)| *built_in == name)
}

impl Template {
    /// The board the template holds.
    pub fn board(&self) -> Result<Board, TemplateError> {
        let broken = |why: String| TemplateError::Broken {
            name: self.name.clone(),
            why,
        };
        match &self.source {
            Source::BuiltIn(text) => board_from_ron(text)
                .map(|loaded| loaded.board)
                .map_err(|error| broken(error.to_string())),
            Source::User(path) => load_board(path).map_err(|error| broken(error.to_string())),
        }
    }

    /// Whether it is part of the program.
    pub fn is_built_in(&self) -> bool {
        matches!(self.source, Source::BuiltIn(_))
    }
}

/// The template called `name` among `templates`.
pub fn find<'t>(templates: &'t [Template], name: &str) -> Result<&'t Template, TemplateError> {
    templates
        .iter()
        .find(|template| template.name == name)
        .ok_or_else(|| TemplateError::Unknown {
            name: name.to_owned(),
        })
}

/// Saves `board` as the user's template `name` in `dir`; returns where.
pub fn save_as_template(board: &Board, dir: &Path, name: &str) -> Result<PathBuf, TemplateError> {
    let name = name.trim();
    let fine = !name.is_empty()
        && name.chars().count() <= MAX_NAME_CHARS
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        && !is_built_in(name);
    if !fine {
        return Err(TemplateError::BadName);
    }
    std::fs::create_dir_all(dir).map_err(|error| TemplateError::Save(error.to_string()))?;
    let path = dir.join(format!("{name}.ron"));
    if path.exists() {
        return Err(TemplateError::Exists {
            name: name.to_owned(),
        });
    }
    save_board(&path, board).map_err(|error| TemplateError::Save(error.to_string()))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_template_is_listed_after_the_built_in_ones_and_opens() {
        let dir = tempfile::tempdir().unwrap();
        let board = Board::new("Our retro");
        let path = save_as_template(&board, dir.path(), "Retro 2026").unwrap();
        assert!(path.ends_with("Retro 2026.ron"));
        let templates = list(Some(dir.path()));
        assert_eq!(templates.len(), BUILT_IN.len() + 1);
        let own = find(&templates, "Retro 2026").unwrap();
        assert!(!own.is_built_in());
        assert_eq!(own.board().unwrap().title(), "Our retro");
        assert!(matches!(
            save_as_template(&board, dir.path(), "Retro 2026"),
            Err(TemplateError::Exists { .. })
        ));
        for bad in ["", "../escape", "ideation", &"x".repeat(61)] {
            assert!(
                matches!(
                    save_as_template(&board, dir.path(), bad),
                    Err(TemplateError::BadName)
                ),
                "{bad:?}"
            );
        }
        assert!(matches!(
            find(&templates, "nope"),
            Err(TemplateError::Unknown { .. })
        ));
    }
}
