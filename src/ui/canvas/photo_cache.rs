//! Persona photos as textures, within a memory budget.
//!
//! A board may hold a thousand photos of up to 1024 pixels a side: kept as full-size textures
//! they would take gigabytes, and decoding them all would freeze the window for seconds. So:
//! - each photo becomes a texture only as large as it is drawn (a side of 32, 64, … pixels, up
//!   to the photo's own), so a card seen from afar costs a few kilobytes;
//! - photos are decoded on a thread of their own, newest request first, and at most a few new
//!   textures are made per paint; a card shows its initials (or a smaller texture of its photo)
//!   until its texture is ready;
//! - textures past the budget are dropped, least recently drawn first, never one drawn in the
//!   paint going on.

use std::collections::{HashMap, HashSet};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex, PoisonError};

use crate::model::{Board, ImageFormat, ImageId};

/// How much memory photo textures may take (RGBA, 4 bytes a pixel).
pub const PHOTO_BUDGET_BYTES: usize = 256 * 1024 * 1024;

/// How many decoded photos become textures in one paint: uploading is the window thread's work.
const UPLOADS_PER_PAINT: usize = 8;

/// The texture sides photos are drawn from; a photo drawn `n` pixels wide uses the smallest side
/// of at least `n` (or its own side, if smaller).
const SIDES: [u32; 6] = [32, 64, 128, 256, 512, LARGEST_SIDE];
const LARGEST_SIDE: u32 = 1024;

/// A texture side for a photo drawn `on_screen` physical pixels across whose square crop is
/// `own` pixels a side.
pub fn side_for(on_screen: f32, own: u32) -> u32 {
    let wanted = SIDES
        .iter()
        .copied()
        .find(|&side| side as f32 >= on_screen)
        .unwrap_or(LARGEST_SIDE);
    wanted.min(own.max(1))
}

type Key = (ImageId, u32);

/// Textures with a byte count each, dropped least recently drawn first past a budget. Generic
/// over the texture so the bookkeeping is tested without a window.
#[derive(Debug)]
pub struct Lru<T> {
    entries: HashMap<Key, Entry<T>>,
    bytes: usize,
    budget: usize,
}

#[derive(Debug)]
struct Entry<T> {
    texture: T,
    bytes: usize,
    last_drawn: u64,
}

impl<T> Lru<T> {
    /// An empty cache that keeps at most `budget` bytes (more only while all of it is drawn).
    pub fn new(budget: usize) -> Self {
        Self {
            entries: HashMap::new(),
            bytes: 0,
            budget,
        }
    }

    /// The bytes kept.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// How many textures are kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether photo `id` has a texture of `side`.
    pub fn contains(&self, id: ImageId, side: u32) -> bool {
        self.entries.contains_key(&(id, side))
    }

    /// The texture to draw photo `id` with in `paint`, wanting `side`: that side, else the
    /// nearest larger one, else the nearest smaller one; marked as drawn.
    pub fn draw(&mut self, id: ImageId, side: u32, paint: u64) -> Option<&T> {
        let larger = SIDES.iter().copied().filter(|&s| s > side);
        let smaller = SIDES.iter().copied().rev().filter(|&s| s < side);
        let key = std::iter::once(side)
            .chain(larger)
            .chain(smaller)
            .map(|s| (id, s))
            .find(|key| self.entries.contains_key(key))?;
        let entry = self.entries.get_mut(&key)?;
        entry.last_drawn = paint;
        Some(&entry.texture)
    }

    /// Keeps `texture` for photo `id` at `side`, as drawn in `paint`; then drops the least
    /// recently drawn textures (never one drawn in `paint` or later) until the cache is within
    /// its budget.
    pub fn insert(&mut self, (id, side): Key, texture: T, bytes: usize, paint: u64) {
        let entry = Entry {
            texture,
            bytes,
            last_drawn: paint,
        };
        if let Some(old) = self.entries.insert((id, side), entry) {
            self.bytes -= old.bytes;
        }
        self.bytes += bytes;
        if self.bytes <= self.budget {
            return;
        }
        let mut old: Vec<(u64, Key)> = self
            .entries
            .iter()
            .filter(|(_, entry)| entry.last_drawn < paint)
            .map(|(key, entry)| (entry.last_drawn, *key))
            .collect();
        old.sort_unstable_by_key(|(last_drawn, key)| (*last_drawn, key.0, key.1));
        for (_, key) in old {
            if self.bytes <= self.budget {
                break;
            }
            if let Some(entry) = self.entries.remove(&key) {
                self.bytes -= entry.bytes;
            }
        }
    }
}

/// A photo to decode at one side.
struct Job {
    key: Key,
    format: ImageFormat,
    bytes: Arc<[u8]>,
}

/// A decoded photo, or `None` if it could not be decoded.
struct Done {
    key: Key,
    image: Option<egui::ColorImage>,
}

/// The queue between the window and the decoding thread.
#[derive(Default)]
struct Queue {
    jobs: Vec<Job>,
    stop: bool,
}

type Shared = Arc<(Mutex<Queue>, Condvar)>;

/// The decoding thread, started at the first photo.
struct Decoder {
    shared: Shared,
    done: Receiver<Done>,
}

impl Decoder {
    fn start(ctx: &egui::Context) -> Option<Self> {
        let shared: Shared = Arc::default();
        let (sender, done) = channel();
        let theirs = Arc::clone(&shared);
        let ctx = ctx.clone();
        std::thread::Builder::new()
            .name("photo decoder".into())
            .spawn(move || decode_jobs(&theirs, &sender, &ctx))
            .ok()?;
        Some(Self { shared, done })
    }

    /// Puts `job` first in line.
    fn queue(&self, job: Job) {
        let (queue, wake) = &*self.shared;
        queue
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .jobs
            .push(job);
        wake.notify_one();
    }

    /// Drops the jobs not asked for again since `wanted`; their keys are returned.
    fn forget_unwanted(&self, wanted: &HashSet<Key>) -> Vec<Key> {
        let (queue, _) = &*self.shared;
        let mut queue = queue.lock().unwrap_or_else(PoisonError::into_inner);
        let mut dropped = Vec::new();
        queue.jobs.retain(|job| {
            let keep = wanted.contains(&job.key);
            if !keep {
                dropped.push(job.key);
            }
            keep
        });
        dropped
    }
}

impl Drop for Decoder {
    fn drop(&mut self) {
        let (queue, wake) = &*self.shared;
        queue.lock().unwrap_or_else(PoisonError::into_inner).stop = true;
        wake.notify_all();
    }
}

/// The decoding thread: the newest job first, until told to stop or the window is gone.
fn decode_jobs(shared: &Shared, done: &Sender<Done>, ctx: &egui::Context) {
    let (queue, wake) = &**shared;
    loop {
        let job = {
            let mut queue = queue.lock().unwrap_or_else(PoisonError::into_inner);
            loop {
                if queue.stop {
                    return;
                }
                if let Some(job) = queue.jobs.pop() {
                    break job;
                }
                queue = wake.wait(queue).unwrap_or_else(PoisonError::into_inner);
            }
        };
        let image = square_image(job.format, &job.bytes, job.key.1);
        if done
            .send(Done {
                key: job.key,
                image,
            })
            .is_err()
        {
            return;
        }
        ctx.request_repaint();
    }
}

/// A stored photo cropped to a centred square of `side` pixels; `None` if it cannot be decoded.
fn square_image(format: ImageFormat, bytes: &[u8], side: u32) -> Option<egui::ColorImage> {
    let rgba = crate::photos::decode_stored(format, bytes).ok()?;
    let (width, height) = rgba.dimensions();
    let own = width.min(height);
    if own == 0 {
        return None;
    }
    let square = image::imageops::crop_imm(&rgba, (width - own) / 2, (height - own) / 2, own, own)
        .to_image();
    let side = side.clamp(1, own);
    let square = if side < own {
        image::imageops::thumbnail(&square, side, side)
    } else {
        square
    };
    let pixels = [square.width() as usize, square.height() as usize];
    Some(egui::ColorImage::from_rgba_unmultiplied(
        pixels,
        square.as_raw(),
    ))
}

/// Persona photos as textures: see the [module documentation](self).
pub struct PhotoCache {
    textures: Lru<egui::TextureHandle>,
    /// Photos being decoded, and those that could not be.
    pending: HashSet<Key>,
    failed: HashSet<ImageId>,
    /// What was asked for in the paint going on (jobs for anything else are dropped).
    wanted: HashSet<Key>,
    decoder: Option<Decoder>,
    paint: u64,
}

impl Default for PhotoCache {
    fn default() -> Self {
        Self::with_budget(PHOTO_BUDGET_BYTES)
    }
}

impl std::fmt::Debug for PhotoCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "PhotoCache({} textures, {} bytes, {} pending)",
            self.textures.len(),
            self.textures.bytes(),
            self.pending.len()
        )
    }
}

impl PhotoCache {
    /// A cache keeping at most `budget` bytes of textures.
    pub fn with_budget(budget: usize) -> Self {
        Self {
            textures: Lru::new(budget),
            pending: HashSet::new(),
            failed: HashSet::new(),
            wanted: HashSet::new(),
            decoder: None,
            paint: 0,
        }
    }

    /// Keeps at most `budget` bytes of textures from now on.
    pub fn set_budget(&mut self, budget: usize) {
        self.textures.budget = budget;
    }

    /// How many textures are kept and how many bytes they take.
    pub fn usage(&self) -> (usize, usize) {
        (self.textures.len(), self.textures.bytes())
    }

    /// The photo a texture of this cache shows, if it is one of them.
    pub fn image_of(&self, texture: egui::TextureId) -> Option<ImageId> {
        self.textures
            .entries
            .iter()
            .find(|(_, entry)| entry.texture.id() == texture)
            .map(|(&(id, _), _)| id)
    }

    /// Whether photos are still being decoded.
    pub fn busy(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Starts a paint: takes in what was decoded since the last one (a few textures at most)
    /// and drops queued photos nobody drew last paint.
    pub fn begin_paint(&mut self, ctx: &egui::Context) {
        let last_paint = self.paint;
        self.paint += 1;
        let wanted = std::mem::take(&mut self.wanted);
        let Some(decoder) = &self.decoder else {
            return;
        };
        for key in decoder.forget_unwanted(&wanted) {
            self.pending.remove(&key);
        }
        let mut uploaded = 0;
        while uploaded < UPLOADS_PER_PAINT {
            let Ok(done) = decoder.done.try_recv() else {
                return;
            };
            self.pending.remove(&done.key);
            let (id, side) = done.key;
            let Some(image) = done.image else {
                self.failed.insert(id);
                continue;
            };
            let bytes = image.pixels.len() * 4;
            let options = egui::TextureOptions::LINEAR;
            let texture = ctx.load_texture(format!("photo-{id}-{side}"), image, options);
            // Asked for in the last paint: what that paint drew stays.
            self.textures.insert(done.key, texture, bytes, last_paint);
            uploaded += 1;
        }
        // More are waiting: take them in next paint.
        ctx.request_repaint();
    }

    /// The texture to draw photo `id` with, `on_screen` physical pixels across; `None` (draw
    /// the initials) while it is being decoded or if it cannot be.
    pub fn texture(
        &mut self,
        ctx: &egui::Context,
        board: &Board,
        id: ImageId,
        on_screen: f32,
    ) -> Option<egui::TextureId> {
        if self.failed.contains(&id) {
            return None;
        }
        let image = board.image(id)?;
        let side = side_for(on_screen, image.width.min(image.height));
        let key = (id, side);
        self.wanted.insert(key);
        if !self.textures.contains(id, side) && self.pending.insert(key) {
            if self.decoder.is_none() {
                self.decoder = Decoder::start(ctx);
            }
            match &self.decoder {
                Some(decoder) => decoder.queue(Job {
                    key,
                    format: image.format,
                    bytes: Arc::clone(&image.bytes),
                }),
                None => {
                    self.failed.insert(id);
                }
            }
        }
        self.textures
            .draw(id, side, self.paint)
            .map(egui::TextureHandle::id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photos_are_drawn_from_the_smallest_side_that_is_large_enough() {
        assert_eq!(side_for(3.0, 1024), 32);
        assert_eq!(side_for(33.0, 1024), 64);
        assert_eq!(side_for(240.0, 1024), 256);
        assert_eq!(side_for(5000.0, 1024), 1024);
        assert_eq!(side_for(240.0, 100), 100, "never larger than the photo");
    }

    #[test]
    fn past_the_budget_the_least_recently_drawn_go_first_but_never_one_being_drawn() {
        let id = |n: u128| ImageId::from_raw(n);
        let mut cache = Lru::new(300);
        cache.insert((id(1), 64), "one", 100, 1);
        cache.insert((id(2), 64), "two", 100, 2);
        cache.insert((id(3), 64), "three", 100, 3);
        assert_eq!(cache.bytes(), 300);
        // Drawing the first again makes the second the least recently drawn.
        assert_eq!(cache.draw(id(1), 64, 4), Some(&"one"));
        cache.insert((id(4), 64), "four", 100, 5);
        assert_eq!(cache.bytes(), 300);
        assert!(!cache.contains(id(2), 64));
        assert!(cache.contains(id(1), 64) && cache.contains(id(3), 64));
        // Everything drawn in this paint stays, even past the budget.
        for n in [1, 3, 4] {
            cache.draw(id(n), 64, 6);
        }
        cache.insert((id(5), 64), "five", 100, 6);
        assert_eq!((cache.len(), cache.bytes()), (4, 400));
        // The next insert brings it back within the budget.
        cache.insert((id(6), 32), "six", 10, 7);
        assert!(cache.bytes() <= 300, "{}", cache.bytes());
        assert!(cache.contains(id(6), 32));
    }

    #[test]
    fn a_missing_side_is_drawn_from_a_larger_one_else_a_smaller_one() {
        let id = ImageId::from_raw(7);
        let mut cache = Lru::new(usize::MAX);
        cache.insert((id, 32), "small", 1, 1);
        assert_eq!(cache.draw(id, 128, 2), Some(&"small"));
        cache.insert((id, 512), "large", 1, 2);
        assert_eq!(cache.draw(id, 128, 3), Some(&"large"));
        cache.insert((id, 128), "right", 1, 3);
        assert_eq!(cache.draw(id, 128, 4), Some(&"right"));
        assert_eq!(cache.draw(ImageId::from_raw(8), 128, 4), None);
    }
}
