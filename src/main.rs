//! The `civic-canvas` command: opens the whiteboard, or runs a command-line verb.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// An offline whiteboard for co-design workshops on digital public services.
#[derive(Parser)]
#[command(
    name = "civic-canvas",
    version,
    about = "An offline whiteboard for co-design workshops on digital public services",
    long_about = "An offline whiteboard for co-design workshops on digital public services.\n\n\
                  Run it with no arguments to open an empty board, or with a board file \
                  (.ron) to open that board. Use `civic-canvas check` to test board files \
                  without opening the window, and `civic-canvas generate` to make a large \
                  board for trying things out.",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    /// A board file to open.
    file: Option<PathBuf>,

    /// Save the first complete frame of the window as a PNG file, then quit.
    #[arg(long, value_name = "PNG", conflicts_with = "measure_frames")]
    screenshot: Option<PathBuf>,

    /// With --screenshot: the window's inner size in points, width by height (e.g. 1600x1000).
    #[arg(long, value_name = "WxH", value_parser = parse_size, requires = "screenshot")]
    size: Option<[u32; 2]>,

    /// With --screenshot: the board fitted in view, or at 100% around its middle.
    #[arg(long, value_enum, requires = "screenshot")]
    view: Option<ViewArg>,

    /// Paint N frames as fast as possible, print how long a frame took, then quit.
    #[arg(long, value_name = "N")]
    measure_frames: Option<usize>,

    #[arg(
        long,
        value_name = "RELAY_URL",
        conflicts_with = "join",
        help = "Share the board live through the relay at RELAY_URL (e.g. ws://127.0.0.1:1234) \
                and print the link colleagues join with"
    )]
    share: Option<String>,

    /// Join the live session at LINK (the link a colleague shared).
    #[arg(long, value_name = "LINK")]
    join: Option<String>,

    #[command(subcommand)]
    verb: Option<Verb>,
}

#[derive(Subcommand)]
enum Verb {
    /// Check that board files open, and say what they hold.
    #[command(
        long_about = "Check that board files open, and say what they hold.\n\n\
                      Prints one line per file: how many items and connectors it holds, or \
                      where and why it does not open (FILE:LINE:COLUMN: message). Exits with \
                      status 0 when every file opens, and 1 otherwise."
    )]
    Check {
        /// The board files to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Write the workshop report of a board: a Markdown document to send after a workshop.
    #[command(
        long_about = "Write the workshop report of a board as Markdown: its title, the stages \
                      and frames in presenting order with their prompts, time boxes, votes and \
                      notes (most votes first), the notes in no frame, every persona with every \
                      field (assumptions and evidence marked), empathy maps, the stakeholders by \
                      ring and by influence and interest, and the feedback loops of system maps."
    )]
    Report {
        /// The board file.
        #[arg(value_name = "BOARD")]
        board: PathBuf,
        /// Where to write the report (replaced if it exists); without it, the report is printed.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Convert a board between formats: RON boards, JSON Canvas, CSV and text, the report.
    #[command(
        long_about = "Convert a board between formats, picked by the files' extensions.\n\n\
                      INPUT: a board (.ron), a JSON Canvas (.canvas), a spreadsheet saved as CSV \
                      (.csv: the idea, text or note column; colour and group columns if it has \
                      them) or a text file (.txt, one note per line).\n\
                      OUTPUT: a board (.ron), a JSON Canvas (.canvas), the workshop report \
                      (.md), a picture (.svg, .png) or a PDF handout (.pdf). Pictures look like \
                      the board at 100%; a PNG that would be larger than 100 megapixels is made \
                      at the largest scale within them, and says so. Exits with 1, naming the file (and the line and \
                      column where there is one), when the input cannot be read or the pair is \
                      not supported."
    )]
    Convert {
        /// The file to read.
        #[arg(value_name = "INPUT")]
        input: PathBuf,
        /// The file to write.
        #[arg(value_name = "OUTPUT")]
        output: PathBuf,
        /// Pictures (.svg, .png) of one frame only, by its title or number (e.g. "2" or "2.1").
        #[arg(long, value_name = "NAME")]
        frame: Option<String>,
        /// PNG pixels per board unit, from 1 to 4.
        #[arg(long, default_value_t = 1.0, value_parser = parse_scale)]
        scale: f32,
        /// What is under the items of a PNG.
        #[arg(long, value_enum, default_value_t = BackgroundArg::White)]
        background: BackgroundArg,
        /// The PDF's paper, landscape.
        #[arg(long, value_enum, default_value_t = PaperArg::A4)]
        paper: PaperArg,
        /// The PDF's pages after its title page: one per frame in presenting order, the whole
        /// board on one, or one per persona card.
        #[arg(long, value_enum, default_value_t = PagesArg::Frames)]
        pages: PagesArg,
    },
    /// List the workshop templates: the built-in ones and your own.
    #[command(
        long_about = "List the workshop templates a new board can start from: the built-in ones \
                      (ideation, consolidation, solutions and opportunities, persona canvas, \
                      empathy map, stakeholder map, system map, service journey) and your own, \
                      saved with File → Save as template… in the templates folder of the data \
                      folder ($CIVIC_CANVAS_DATA_DIR or the platform's data folder)."
    )]
    Templates,
    /// Write a new board from a workshop template.
    New {
        /// The template's name, as `civic-canvas templates` lists it.
        #[arg(long, value_name = "NAME")]
        template: String,
        /// The board file to write; an existing file is never replaced.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Write a generated workshop board, for trying out and measuring large boards.
    #[command(
        long_about = "Write a generated workshop board, for trying out and measuring large \
                      boards.\n\n\
                      The board holds clusters of items under header notes: about 70% sticky \
                      notes with text in the workshop languages, 10% persona cards with one of 8 \
                      photos, 20% map nodes. Every fourth cluster is in a frame named after a \
                      workshop stage; connectors join neighbouring items (half as many as \
                      items). With --strokes, the items are hand-drawn pen strokes of 50 points \
                      instead (a fifth of them circles), in 200 clusters over as large a board. \
                      The same item count and seed always give the same file."
    )]
    Generate {
        /// How many items the board gets.
        #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u32).range(0..=i64::from(civic_canvas::generate::MAX_ITEMS)))]
        items: u32,
        /// Any number; the same seed and item count always give the same board.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Pen strokes of 50 points instead of notes, personas and nodes.
        #[arg(long)]
        strokes: bool,
        /// The board file to write (replaced if it exists).
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Write a hostile board: a file made to exhaust the app, for measuring its defences.
    #[command(
        long_about = "Write a hostile board: a file made to exhaust the app, for measuring its \
                      defences (see the README's \"Your data is safe\").\n\n\
                      COUNT is how many of the hostile parts the file gets (for long-note, how \
                      many bytes of text; for combining-marks, how many marks)."
    )]
    Hostile {
        /// What the file attacks with.
        #[arg(value_enum)]
        kind: HostileKind,
        /// How many hostile parts.
        count: usize,
        /// The file to write (replaced if it exists).
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Measure how fast the window is with a board: pan, zoom, pointer moves and key strokes.
    #[command(
        long_about = "Measure how fast the window is with a board on this computer: a check to \
                      run before a workshop.\n\n\
                      Opens the real window at --size, shows the board (fitted, or at 100% \
                      around its middle), then pans it continuously (2 points across and 1 down \
                      per frame, reversing every second) with vsync off and a paint forced every \
                      frame. Then it zooms in and out by 10% a few times and sends pointer moves \
                      and key strokes as the window system would. It prints the time from start \
                      to the first complete frame, the median, 95th and 99th percentile frame \
                      intervals while panning, frames a second, processor time per frame (all \
                      threads, the renderer's included), the cost of a zoom step, a pointer move \
                      and a key stroke, the peak memory, and a verdict. A remembered window size \
                      is not used."
    )]
    Measure {
        /// The board file to measure with.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// How the board is shown: fitted in view, or at 100% around its middle.
        #[arg(long, value_enum, default_value_t = ViewArg::Fit)]
        view: ViewArg,
        /// How long to pan, in seconds.
        #[arg(long, default_value_t = 5.0, value_parser = parse_seconds)]
        seconds: f64,
        /// The window's inner size in points, width by height (e.g. 1600x1000).
        #[arg(long, default_value = "1600x1000", value_parser = parse_size)]
        size: [u32; 2],
        /// Print the report as one JSON object.
        #[arg(long)]
        json: bool,
        /// Share the board live on this relay while measuring (ws://HOST:PORT), to see what a
        /// live session costs.
        #[arg(long, value_name = "RELAY_URL")]
        share: Option<String>,
    },
    /// Test-only: edit a board without a window, with autosave on, then wait to be killed.
    #[command(hide = true)]
    Script {
        /// The data folder (recovery copies go in its `recovery/` folder); by default
        /// `$CIVIC_CANVAS_DATA_DIR` or the platform's data folder, as for the app.
        #[arg(long, value_name = "DIR")]
        data_dir: Option<PathBuf>,
        /// A board file to start from (otherwise an untitled board).
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
        /// A file of commands (`title TEXT`, `note X Y TEXT`, `undo`), one per line.
        #[arg(long, value_name = "FILE", required_unless_present = "print_recovered")]
        commands: Option<PathBuf>,
        /// How long to wait once the recovery copy is written, in seconds.
        #[arg(long, default_value_t = 60)]
        wait_secs: u64,
        /// Instead of editing, print the boards a crash left in the data folder.
        #[arg(long)]
        print_recovered: bool,
    },
}

/// The kinds of hostile board `civic-canvas hostile` writes.
#[derive(Clone, Copy, clap::ValueEnum)]
enum HostileKind {
    /// Connectors to items that are not in the file.
    DanglingConnectors,
    /// Photos that cannot be read.
    DamagedPhotos,
    /// Frames naming members that are not in the file.
    MissingFrameMembers,
    /// Positions that are not numbers, all on one line.
    NanPositions,
    /// One note of COUNT bytes.
    LongNote,
    /// One letter with COUNT combining marks.
    CombiningMarks,
    /// Persona cards with distinct 1024 × 1024 photos.
    PersonaPhotos,
    /// Persona cards sharing one photo stored under ids that do not match it.
    PhotoUnderManyIds,
    /// Notes of 100,000 × 100,000 at one spot.
    OverlappingNotes,
    /// Frames of 10,000 × 10,000 at one spot.
    StackedFrames,
    /// One pen stroke of COUNT points.
    LongStroke,
}

/// `--background` of `convert`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum BackgroundArg {
    /// White.
    White,
    /// Transparent.
    Transparent,
}

/// `--paper` of `convert`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum PaperArg {
    /// A4 landscape.
    A4,
    /// A3 landscape.
    A3,
}

/// `--pages` of `convert`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum PagesArg {
    /// One page per frame, in presenting order.
    Frames,
    /// The whole board on one page.
    Board,
    /// One page per persona card.
    Personas,
}

/// `--scale`: from 1 to 4.
fn parse_scale(text: &str) -> Result<f32, String> {
    let scale: f32 = text
        .trim()
        .parse()
        .map_err(|_| format!("\"{text}\" is not a number"))?;
    if (1.0..=4.0).contains(&scale) {
        Ok(scale)
    } else {
        Err("the scale goes from 1 to 4".to_owned())
    }
}

/// How `measure` shows the board.
#[derive(Clone, Copy, clap::ValueEnum)]
enum ViewArg {
    /// The whole board in view.
    Fit,
    /// At 100%, around the middle of the board.
    #[value(name = "100")]
    Actual,
}

/// `--seconds`: a number of seconds from 0.1 to 600.
fn parse_seconds(text: &str) -> Result<f64, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    if (0.1..=600.0).contains(&seconds) {
        Ok(seconds)
    } else {
        Err(format!(
            "{seconds} s is out of range: use 0.1 to 600 seconds"
        ))
    }
}

/// `--size`: width by height (`1600x1000`), each side from 320 to 16,384 points.
fn parse_size(text: &str) -> Result<[u32; 2], String> {
    let wrong = || format!("`{text}` is not a size: write it as WIDTHxHEIGHT, e.g. 1600x1000");
    let (width, height) = text.trim().split_once(['x', 'X', '×']).ok_or_else(wrong)?;
    let parse_side = |side: &str| side.trim().parse::<u32>().map_err(|_| wrong());
    let size = [parse_side(width)?, parse_side(height)?];
    if size.iter().all(|side| (320..=16_384).contains(side)) {
        Ok(size)
    } else {
        Err(format!(
            "{}×{} is out of range: each side from 320 to 16384",
            size[0], size[1]
        ))
    }
}

/// The `measure` verb.
fn measure(
    file: PathBuf,
    view: ViewArg,
    seconds: f64,
    size: [u32; 2],
    json: bool,
    share: Option<String>,
    started: std::time::Instant,
) -> anyhow::Result<ExitCode> {
    use civic_canvas::app::{MeasureSpec, MeasureView, Probe, ProbeReport};
    // A file that does not open would only show a message in the window: say so here instead.
    if let Err(error) = civic_canvas::storage::open_board(&file) {
        anyhow::bail!("{error}");
    }
    let spec = MeasureSpec {
        view: match view {
            ViewArg::Fit => MeasureView::Fit,
            ViewArg::Actual => MeasureView::Actual,
        },
        pan: std::time::Duration::from_secs_f64(seconds),
        size,
        started,
    };
    let live = share.map(civic_canvas::app::LiveStart::Share);
    let report = civic_canvas::app::run(Some(file), live, &Probe::Measure(spec))?;
    let mut out = std::io::stdout().lock();
    if let Some(ProbeReport::Measure(report)) = report {
        if json {
            writeln!(out, "{}", report.to_json())?;
        } else {
            writeln!(out, "{report}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The `hostile` verb: writes the file as is (it may need repairs to open).
fn hostile(kind: HostileKind, count: usize, file: &std::path::Path) -> anyhow::Result<ExitCode> {
    use civic_canvas::generate::hostile;
    let text = match kind {
        HostileKind::DanglingConnectors => hostile::dangling_connectors(count),
        HostileKind::DamagedPhotos => hostile::damaged_photos(count),
        HostileKind::MissingFrameMembers => hostile::missing_frame_members(count),
        HostileKind::NanPositions => hostile::nan_positions_on_one_line(count),
        HostileKind::LongNote => hostile::long_note(count),
        HostileKind::CombiningMarks => hostile::combining_marks(count),
        HostileKind::PersonaPhotos => hostile::persona_photos(count, 1024),
        HostileKind::PhotoUnderManyIds => hostile::photo_under_many_ids(count),
        HostileKind::OverlappingNotes => hostile::overlapping_notes(count, 100_000.0),
        HostileKind::StackedFrames => hostile::stacked_frames(count, 10_000.0),
        HostileKind::LongStroke => hostile::long_stroke(count),
    };
    std::fs::write(file, &text).map_err(|error| anyhow::anyhow!("{}: {error}", file.display()))?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}: {} bytes", file.display(), text.len())?;
    Ok(ExitCode::SUCCESS)
}

/// The hidden `script` verb (see `civic_canvas::script`).
fn script(
    data_dir: Option<PathBuf>,
    file: Option<PathBuf>,
    commands: Option<PathBuf>,
    wait_secs: u64,
    print_recovered: bool,
) -> anyhow::Result<ExitCode> {
    let recovery_dir = match data_dir {
        Some(dir) => dir.join("recovery"),
        None => civic_canvas::storage::recovery::default_recovery_dir()
            .ok_or_else(|| anyhow::anyhow!("there is no home folder; use --data-dir"))?,
    };
    let mut out = std::io::stdout().lock();
    if print_recovered {
        civic_canvas::script::print_recovered(&recovery_dir, &mut out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(commands) = commands else {
        anyhow::bail!("--commands is needed");
    };
    let commands = std::fs::read_to_string(&commands)
        .map_err(|error| anyhow::anyhow!("{}: {error}", commands.display()))?;
    let wait = std::time::Duration::from_secs(wait_secs);
    civic_canvas::script::run_script(&recovery_dir, file, &commands, wait, &mut out)?;
    Ok(ExitCode::SUCCESS)
}

fn main() -> anyhow::Result<ExitCode> {
    let started = std::time::Instant::now();
    match run(Cli::parse(), started) {
        // The reader went away (`civic-canvas check … | head`): nothing more to say.
        Err(error)
            if error
                .downcast_ref::<std::io::Error>()
                .is_some_and(|error| error.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            Ok(ExitCode::SUCCESS)
        }
        result => result,
    }
}

/// The exit status of a verb that did (or did not) do its work.
fn status(done: bool) -> ExitCode {
    if done {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `civic-canvas generate`: writes a generated board.
fn generate(verb: Verb) -> anyhow::Result<ExitCode> {
    let Verb::Generate {
        items,
        seed,
        strokes,
        file,
    } = verb
    else {
        return Ok(ExitCode::FAILURE);
    };
    Ok(status(civic_canvas::cli::generate(
        (items as usize, strokes),
        seed,
        &file,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    )?))
}

fn run(cli: Cli, started: std::time::Instant) -> anyhow::Result<ExitCode> {
    match cli.verb {
        Some(Verb::Check { files }) => Ok(status(civic_canvas::cli::check(
            &files,
            &mut std::io::stdout().lock(),
        )?)),
        Some(verb @ Verb::Generate { .. }) => generate(verb),
        Some(Verb::Hostile { kind, count, file }) => hostile(kind, count, &file),
        Some(Verb::Report { board, output }) => Ok(status(civic_canvas::cli::report(
            &board,
            output.as_deref(),
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        )?)),
        Some(Verb::Convert {
            input,
            output,
            frame,
            scale,
            background,
            paper,
            pages,
        }) => Ok(status(civic_canvas::cli::convert(
            &input,
            &output,
            &civic_canvas::cli::PictureOptions {
                frame,
                scale,
                background: match background {
                    BackgroundArg::White => civic_canvas::export::picture::Background::White,
                    BackgroundArg::Transparent => {
                        civic_canvas::export::picture::Background::Transparent
                    }
                },
                paper: match paper {
                    PaperArg::A4 => civic_canvas::export::raster::Paper::A4,
                    PaperArg::A3 => civic_canvas::export::raster::Paper::A3,
                },
                pages: match pages {
                    PagesArg::Frames => civic_canvas::export::picture::Pages::Frames,
                    PagesArg::Board => civic_canvas::export::picture::Pages::Board,
                    PagesArg::Personas => civic_canvas::export::picture::Pages::Personas,
                },
            },
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        )?)),
        Some(Verb::Templates) => {
            civic_canvas::cli::templates(&mut std::io::stdout().lock())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Verb::New { template, file }) => Ok(status(civic_canvas::cli::new_from_template(
            &template,
            &file,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        )?)),
        Some(Verb::Measure {
            file,
            view,
            seconds,
            size,
            json,
            share,
        }) => measure(file, view, seconds, size, json, share, started),
        Some(Verb::Script {
            data_dir,
            file,
            commands,
            wait_secs,
            print_recovered,
        }) => script(data_dir, file, commands, wait_secs, print_recovered),
        None => {
            use civic_canvas::app::Probe;
            let probe = match (cli.screenshot, cli.measure_frames) {
                (Some(path), _) => Probe::Screenshot(
                    civic_canvas::app::Screenshot::new(path)
                        .with_view(cli.size, matches!(cli.view, Some(ViewArg::Actual))),
                ),
                (None, Some(frames)) => Probe::MeasureFrames(frames),
                (None, None) => Probe::None,
            };
            let live = match (cli.share, cli.join) {
                (Some(relay), _) => Some(civic_canvas::app::LiveStart::Share(relay)),
                (None, Some(link)) => Some(civic_canvas::app::LiveStart::Join(link)),
                (None, None) => None,
            };
            if let Some(civic_canvas::app::ProbeReport::Frames(report)) =
                civic_canvas::app::run(cli.file, live, &probe)?
            {
                writeln!(std::io::stdout().lock(), "{report}")?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
