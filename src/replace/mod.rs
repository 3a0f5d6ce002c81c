//! Putting a written output in place all at once, for every command that writes a folder:
//! `stoa split`'s output folder, `stoa generate`'s data folder, `stoa report`'s month
//! folder. Each was written into a hidden folder and renamed into place, but by steps of
//! its own: split and generate renamed their files in one by one (a run interrupted among
//! the renames left a folder half old, half new, or, for generate, tables without the
//! `stoa.toml` by which the next `generate` knows the folder for its own, so that it
//! refused it as real exports), and the report left an interruption room between moving
//! the old month aside and the new one into its place (the new one was then removed as a
//! working folder, and neither was left where the user looks).
//!
//! [`Staged`] writes the whole output into a hidden folder beside the output folder, which
//! takes the output folder's place at the end ([`swap`]). Whatever else the output folder
//! holds (the user's notes, reports made from a split's folders: anything the command
//! does not write) is carried into the new one first, by hard links (a copy where the file
//! system has none), so that the old folder is only ever renamed aside and removed: an
//! interruption before the swap leaves it as it was, its files untouched.
//!
//! Where the output folder cannot be replaced whole — the current folder or one around
//! it (the shell there would be left in a removed folder), a drive's root or a mount
//! point, a folder whose parent the run may not write in — the hidden folder is made
//! inside it, and its entries are put in place one by one.

use std::fs;
use std::path::{Path, PathBuf};

/// Why an output could not be put in place. Each says what was not done and what to check.
#[derive(Debug, thiserror::Error)]
pub enum ReplaceError {
    /// A file or folder of the output could not be written, renamed or made.
    #[error("cannot write {}: {source}; check that the output folder is writable and has free space", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// An entry of the output folder could not be carried over into the new one: nothing
    /// was replaced.
    #[error("cannot keep {} in the new output folder, which is written beside the old one and takes its place: {source}; nothing was replaced; check that the folder around the output folder is writable and has free space", path.display())]
    Keep {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// An entry of the output folder that is not the command's own has the name of one the
    /// command writes (a folder `visits.csv`): replaced, it would be lost.
    #[error("{} is in the way: this run writes an entry of that name there, and it is not one the run replaces (not what the command writes); move it away, or choose another --out; nothing was replaced", path.display())]
    InTheWay { path: PathBuf },
    /// The output folder is there and the run may not write in it (`reason`:
    /// [`crate::interrupt::refusal`]). Written beside it and swapped in, it would have been
    /// replaced all the same.
    #[error("the output folder {} cannot be written in ({reason}): choose another folder with --out, where you may write, or ask for the right to write in this one", path.display())]
    NotWritable { path: PathBuf, reason: &'static str },
}

impl ReplaceError {
    fn write(path: &Path) -> impl FnOnce(std::io::Error) -> ReplaceError + '_ {
        move |source| ReplaceError::Write {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Where an output folder is being written.
pub struct Staged {
    /// The hidden folder the output is written into.
    folder: tempfile::TempDir,
    /// Removes it if the run is interrupted.
    _interrupted: crate::interrupt::Guard,
    /// The old output folder's permissions, which the new one takes (set once it is
    /// filled: a folder its owner may not write in could not be).
    permissions: Option<fs::Permissions>,
    /// The output folder, its link followed when `--out` is one (the link stays).
    out: PathBuf,
    /// Whether `folder` is beside `out` and takes its place whole; else it is inside.
    whole: bool,
}

impl Staged {
    /// Begin an output into the folder `out`, written by the command `tag` (`split`,
    /// `generate`, in the hidden folder's name): the hidden folder beside it when it can be
    /// replaced whole, else inside it (made if missing).
    pub fn begin(out: &Path, tag: &str) -> Result<Staged, ReplaceError> {
        let out = crate::interrupt::followed(out);
        if let Some(parent) = replaceable(&out) {
            let name = out
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let made = fs::create_dir_all(&parent).and_then(|()| {
                crate::interrupt::working_output_folder(&parent, &format!(".{name}-{tag}-"))
            });
            // A parent the run may not write in: the folder itself may still be.
            if let Ok((folder, guard)) = made {
                return Ok(Staged {
                    folder,
                    _interrupted: guard,
                    permissions: fs::metadata(&out).ok().map(|m| m.permissions()),
                    out,
                    whole: true,
                });
            }
        }
        fs::create_dir_all(&out).map_err(ReplaceError::write(&out))?;
        let (folder, guard) = crate::interrupt::working_folder(&out, &format!(".stoa-{tag}-"))
            .map_err(ReplaceError::write(&out))?;
        Ok(Staged {
            folder,
            _interrupted: guard,
            permissions: None,
            out,
            whole: false,
        })
    }

    /// The folder to write the output into.
    pub fn path(&self) -> &Path {
        self.folder.path()
    }

    /// The output folder (its link followed).
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Whether the output folder is replaced whole; else the hidden folder is inside it.
    pub fn whole(&self) -> bool {
        self.whole
    }

    /// Put the written output in place. Replaced whole, the output folder keeps every entry
    /// not `own` (what the command writes, or removes as its own), carried into the new one
    /// first. Inside it, the hidden folder's entries are renamed into place one by one,
    /// each replacing its namesake: those named in `first` first, in that order (the entry
    /// by which the next run knows the folder for the command's own, so that a run
    /// interrupted among the renames leaves a folder the next run accepts), then the rest
    /// by name.
    pub fn finish(self, own: impl Fn(&str) -> bool, first: &[&str]) -> Result<(), ReplaceError> {
        if !self.whole {
            // Nothing of the user's is renamed over, nor anything renamed in before that
            // is known.
            self.in_the_way(&own)?;
            let mut names: Vec<String> = fs::read_dir(self.path())
                .and_then(|list| {
                    list.map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
                        .collect()
                })
                .map_err(ReplaceError::write(self.path()))?;
            names.sort_by_key(|n| {
                (
                    first.iter().position(|f| f == n).unwrap_or(first.len()),
                    n.clone(),
                )
            });
            for name in names {
                let target = self.out.join(&name);
                swap(&self.path().join(&name), &target).map_err(ReplaceError::write(&target))?;
            }
            return Ok(());
        }
        self.carry_others(own)?;
        if let Some(permissions) = &self.permissions {
            fs::set_permissions(self.path(), permissions.clone())
                .map_err(ReplaceError::write(self.path()))?;
        }
        let Staged {
            folder,
            _interrupted,
            out,
            ..
        } = self;
        swap(folder.path(), &out).map_err(ReplaceError::write(&out))
    }

    /// That no entry of the hidden folder would replace an entry of the output folder
    /// that is not `own`.
    fn in_the_way(&self, own: &impl Fn(&str) -> bool) -> Result<(), ReplaceError> {
        let list = fs::read_dir(self.path()).map_err(ReplaceError::write(self.path()))?;
        for entry in list {
            let name = entry.map_err(ReplaceError::write(self.path()))?.file_name();
            let there = self.out.join(&name);
            if fs::symlink_metadata(&there).is_ok() && !own(&name.to_string_lossy()) {
                return Err(ReplaceError::InTheWay { path: there });
            }
        }
        Ok(())
    }

    /// Carry every entry of the output folder that is not `own` into the hidden folder.
    fn carry_others(&self, own: impl Fn(&str) -> bool) -> Result<(), ReplaceError> {
        let keep = |path: &Path| {
            let path = path.to_path_buf();
            move |source| ReplaceError::Keep { path, source }
        };
        // An output folder that cannot be listed stops the swap: skipping it would lose
        // whatever else it holds.
        let entries = match fs::read_dir(&self.out) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            listed => listed
                .and_then(|list| list.collect::<Result<Vec<_>, _>>())
                .map_err(keep(&self.out))?,
        };
        for entry in entries {
            let name = entry.file_name();
            if own(&name.to_string_lossy()) {
                continue;
            }
            if fs::symlink_metadata(self.path().join(&name)).is_ok() {
                return Err(ReplaceError::InTheWay { path: entry.path() });
            }
            carry(&entry.path(), &self.path().join(&name)).map_err(keep(&entry.path()))?;
        }
        Ok(())
    }
}

/// That the run may write in the output folder `out`, when it is there: checked before the
/// data is read. One the run may not write in is refused ([`ReplaceError::NotWritable`],
/// exit code 3): replaced from beside it, it would be replaced all the same.
pub fn writable(out: &Path) -> Result<(), ReplaceError> {
    let out = crate::interrupt::followed(out);
    if !out.is_dir() {
        return Ok(());
    }
    let probe = crate::interrupt::working_folder(&out, ".stoa-probe-").map_err(|e| {
        match crate::interrupt::refusal(&e) {
            Some(reason) => ReplaceError::NotWritable {
                path: out.clone(),
                reason,
            },
            None => ReplaceError::Write {
                path: out.clone(),
                source: e,
            },
        }
    })?;
    drop(probe);
    Ok(())
}

/// Put the folder (or file) `staging` in place of `out`: the old one renamed aside, the
/// new one renamed into its place (the old put back if that fails), with no interruption's
/// clean-up between the two ([`crate::interrupt::uninterrupted`]); then the old one
/// removed. Where `out` is not there, `staging` is renamed to it.
pub fn swap(staging: &Path, out: &Path) -> std::io::Result<()> {
    let name = out
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let aside = out.with_file_name(format!(".{name}-old-{}", std::process::id()));
    let replaced = crate::interrupt::uninterrupted(|| {
        if fs::symlink_metadata(out).is_err() {
            return fs::rename(staging, out).map(|()| false);
        }
        fs::rename(out, &aside)?;
        match fs::rename(staging, out) {
            Ok(()) => Ok(true),
            Err(e) => {
                let _ = fs::rename(&aside, out);
                Err(e)
            }
        }
    })?;
    if replaced {
        // The new output is in place; the old one is clutter, removed even if the run is
        // interrupted meanwhile. Left behind (a read-only folder of the user's in it), it
        // fails nothing: the output is in place.
        let _doomed = crate::interrupt::doomed(&aside);
        match fs::symlink_metadata(&aside) {
            Ok(meta) if meta.is_dir() => {
                let _ = fs::remove_dir_all(&aside);
            }
            _ => {
                let _ = fs::remove_file(&aside);
            }
        }
    }
    Ok(())
}

/// The folder `out` would be made in or replaced from, when it can be replaced whole; None
/// for the current folder or one around it, a root, a mount point, a path ending in `..`.
fn replaceable(out: &Path) -> Option<PathBuf> {
    let full = match out.exists() {
        true => fs::canonicalize(out).ok()?,
        false => std::path::absolute(out).ok()?,
    };
    out.file_name()?;
    let parent = full.parent()?.to_path_buf();
    if let Ok(here) = std::env::current_dir().and_then(fs::canonicalize) {
        if here.starts_with(&full) {
            return None;
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (fs::metadata(&full), fs::metadata(&parent)) {
            if a.dev() != b.dev() {
                return None;
            }
        }
    }
    Some(parent)
}

/// Carry `from` (a file, a folder and all in it, a link) over to `to` in the new output
/// folder, leaving `from` as it is: files by hard links, or copies where the file system
/// has none, folders made anew with their permissions, links as links.
fn carry(from: &Path, to: &Path) -> std::io::Result<()> {
    let meta = fs::symlink_metadata(from)?;
    let kind = meta.file_type();
    if kind.is_symlink() {
        let target = fs::read_link(from)?;
        #[cfg(unix)]
        return std::os::unix::fs::symlink(&target, to);
        #[cfg(windows)]
        return match from.is_dir() {
            true => std::os::windows::fs::symlink_dir(&target, to),
            false => std::os::windows::fs::symlink_file(&target, to),
        };
        #[cfg(not(any(unix, windows)))]
        return fs::copy(from, to).map(drop);
    }
    if kind.is_dir() {
        fs::create_dir(to)?;
        for entry in fs::read_dir(from)? {
            let entry = entry?;
            carry(&entry.path(), &to.join(entry.file_name()))?;
        }
        // Last: a folder its owner may not write in could not have been filled.
        return fs::set_permissions(to, meta.permissions());
    }
    fs::hard_link(from, to).or_else(|_| fs::copy(from, to).map(drop))
}

#[cfg(test)]
mod tests;
