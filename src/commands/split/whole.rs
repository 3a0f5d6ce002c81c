//! Putting a split's output in place all at once. The split wrote its folders into a
//! hidden folder inside the output folder and renamed them into place one by one, the
//! station folders, then `stations.tsv` and `split.json`: a run interrupted or failed
//! among the renames left the output folder half old, half new, its lists naming folders
//! of the other half. The whole output is now written into a hidden folder beside the
//! output folder, and that folder takes the output folder's place at the end, as
//! `stoa report` puts its month's folder in place
//! ([`crate::report::write::swap_into_place`]).
//!
//! Whatever else the output folder holds (the user's notes, reports made from the
//! station folders: anything no split wrote) is carried into the new one first, by hard
//! links (a copy where the file system has none), so that the old folder is only ever
//! renamed aside and removed: an interruption before the swap leaves it as it was, its
//! files untouched.
//!
//! Where the output folder cannot be replaced whole — the current folder or one around
//! it (the shell there would be left in a removed folder), a drive's root or a mount
//! point, a folder whose parent the run may not write in — the station folders are put in
//! place one by one, as before.

use std::fs;
use std::path::{Path, PathBuf};

use super::earlier::Earlier;
use super::{io_error, Folder};

/// Where the split is being written.
pub(super) struct Staged {
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
    /// Begin the output of a split into `out`: the hidden folder beside it when it can be
    /// replaced whole, else inside it.
    pub(super) fn begin(out: &Path) -> anyhow::Result<Staged> {
        let out = crate::interrupt::followed(out);
        if let Some(parent) = replaceable(&out) {
            let name = out
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let made = fs::create_dir_all(&parent).and_then(|()| {
                crate::interrupt::working_output_folder(&parent, &format!(".{name}-split-"))
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
        fs::create_dir_all(&out).map_err(|e| io_error(&out, e))?;
        let (folder, guard) = crate::interrupt::working_folder(&out, ".stoa-split-")
            .map_err(|e| io_error(&out, e))?;
        Ok(Staged {
            folder,
            _interrupted: guard,
            permissions: None,
            out,
            whole: false,
        })
    }

    /// The folder to write the output into.
    pub(super) fn path(&self) -> &Path {
        self.folder.path()
    }

    /// Put the written output in place: the staged `folders` (and `rejects.csv` when
    /// `rejects`), `stations.tsv` and `split.json`, replacing what `earlier` split wrote;
    /// the earlier split's folders this one does not have are removed, and returned (their
    /// paths and stations' names).
    pub(super) fn finish(
        self,
        folders: &[Folder],
        rejects: bool,
        earlier: &Earlier,
    ) -> anyhow::Result<Vec<String>> {
        let out = self.out.clone();
        if !self.whole {
            return super::move_into_place(self.folder.path(), &out, folders, rejects, earlier);
        }
        let removed: Vec<String> = earlier
            .folders()
            .filter(|old| !folders.iter().any(|f| f.folder == *old))
            .filter(|old| out.join(old).is_dir())
            .map(|old| {
                let path = out.join(old).display().to_string();
                match earlier.name_of(old) {
                    Some(name) => format!("{path} ({name:?})"),
                    None => path,
                }
            })
            .collect();
        // What the split writes or removes is its own; anything else is carried over.
        let own = |name: &str| {
            ["stations.tsv", "split.json"].contains(&name)
                || (name == "rejects.csv" && (rejects || earlier.rejects))
                || folders.iter().any(|f| f.folder == name)
                || earlier.folders().any(|f| f == name)
        };
        // An output folder that cannot be listed stops the swap: skipping it would lose
        // whatever else it holds.
        let entries = match fs::read_dir(&out) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            listed => listed
                .and_then(|list| list.collect::<Result<Vec<_>, _>>())
                .map_err(|e| cannot_keep(&out, e))?,
        };
        for entry in entries {
            let name = entry.file_name();
            if own(&name.to_string_lossy()) {
                continue;
            }
            carry(&entry.path(), &self.folder.path().join(&name))
                .map_err(|e| cannot_keep(&entry.path(), e))?;
        }
        if let Some(permissions) = &self.permissions {
            fs::set_permissions(self.folder.path(), permissions.clone())
                .map_err(|e| io_error(self.folder.path(), e))?;
        }
        let Staged {
            folder,
            _interrupted,
            ..
        } = self;
        swap(folder.path(), &out)?;
        Ok(removed)
    }
}

/// That the run may write in the output folder `out`, when it is there: checked before the
/// data is read. One the run may not write in is refused, as when the split wrote inside
/// it: replaced from beside it, it would be replaced all the same.
pub(super) fn writable(out: &Path) -> anyhow::Result<()> {
    let out = crate::interrupt::followed(out);
    if !out.is_dir() {
        return Ok(());
    }
    let probe = crate::interrupt::working_folder(&out, ".stoa-split-").map_err(|e| {
        match crate::interrupt::refusal(&e) {
            Some(reason) => not_writable(&out, reason),
            None => io_error(&out, e),
        }
    })?;
    drop(probe);
    Ok(())
}

/// Put the folder `staging` in place of `out`: the old output renamed aside, the new one
/// renamed into its place (the old put back if that fails), with no interruption's
/// clean-up between the two ([`crate::interrupt::uninterrupted`]); then the old one
/// removed.
fn swap(staging: &Path, out: &Path) -> anyhow::Result<()> {
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
    })
    .map_err(|e| io_error(out, e))?;
    if replaced {
        // The new output is in place; the old one is clutter, removed even if the run is
        // interrupted meanwhile. Left behind (a read-only folder of the user's in it), it
        // fails nothing: the split is done, as `report` leaves its old copy.
        let _doomed = crate::interrupt::doomed(&aside);
        let _ = fs::remove_dir_all(&aside);
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

/// The error of an output folder the run may not write in (`reason`: [`crate::interrupt::refusal`]).
fn not_writable(out: &Path, reason: &str) -> anyhow::Error {
    crate::error::Classified::internal(format!(
        "the output folder {} cannot be written in ({reason}): choose another folder with --out, where you may write, or ask for the right to write in this one",
        out.display()
    ))
    .into()
}

/// The error of an entry of the output folder that could not be carried over: nothing
/// was replaced.
fn cannot_keep(path: &Path, e: std::io::Error) -> anyhow::Error {
    crate::error::Classified::internal(format!(
        "cannot keep {} in the new output folder, which is written beside the old one and takes its place: {e}; nothing was replaced; check that the folder around the output folder is writable and has free space",
        path.display()
    ))
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every entry under `dir` (a folder as None, a file as its text), by relative path.
    fn tree(dir: &Path) -> Vec<(String, Option<String>)> {
        let mut found = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                let name = p.strip_prefix(dir).unwrap().display().to_string();
                match fs::symlink_metadata(&p).unwrap().is_dir() {
                    true => {
                        found.push((name, None));
                        stack.push(p);
                    }
                    false => found.push((name, fs::read_to_string(&p).ok())),
                }
            }
        }
        found.sort();
        found
    }

    #[test]
    fn a_tree_is_carried_over_and_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let from = dir.path().join("notes");
        fs::create_dir_all(from.join("inner")).unwrap();
        fs::write(from.join("a.txt"), "a\n").unwrap();
        fs::write(from.join("inner/b.txt"), "b\n").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink("a.txt", from.join("link")).unwrap();
        let to = dir.path().join("copy");
        carry(&from, &to).unwrap();
        assert_eq!(tree(&from), tree(&to));
        #[cfg(unix)]
        assert!(fs::symlink_metadata(to.join("link"))
            .unwrap()
            .file_type()
            .is_symlink());
        // The original is whole when the carried tree goes.
        fs::remove_dir_all(&to).unwrap();
        assert_eq!(fs::read_to_string(from.join("inner/b.txt")).unwrap(), "b\n");
    }

    #[test]
    fn the_error_of_a_thing_not_carried_over_is_worded_in_russian() {
        let e = cannot_keep(
            Path::new("parts/notes.txt"),
            std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        );
        let said = crate::render::i18n::error(crate::cli::Lang::Ru, &e.to_string()).unwrap();
        assert!(
            said.starts_with("не удалось сохранить parts/notes.txt"),
            "{said}"
        );
    }

    #[test]
    fn the_current_folder_and_a_root_are_not_replaced_whole() {
        let here = std::env::current_dir().unwrap();
        assert_eq!(replaceable(Path::new(".")), None);
        assert_eq!(replaceable(&here), None);
        assert_eq!(replaceable(Path::new("/")), None);
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("parts");
        fs::create_dir(&out).unwrap();
        assert_eq!(
            replaceable(&out),
            Some(fs::canonicalize(dir.path()).unwrap())
        );
    }
}
