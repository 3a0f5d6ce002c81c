//! Putting a split's output in place all at once. The split wrote its folders into a
//! hidden folder inside the output folder and renamed them into place one by one, the
//! station folders, then `stations.tsv` and `split.json`: a run interrupted or failed
//! among the renames left the output folder half old, half new, its lists naming folders
//! of the other half. The whole output is now written into a hidden folder beside the
//! output folder, which takes the output folder's place at the end, as `stoa generate`'s
//! folder and `stoa report`'s month folder do ([`crate::replace`]); whatever else the
//! output folder holds is carried into the new one first.
//!
//! Where the output folder cannot be replaced whole (the current folder, a root, a mount
//! point, a folder whose parent the run may not write in: see [`crate::replace`]) the
//! station folders are put in place one by one, as before ([`super::move_into_place`]),
//! removing the earlier split's folders this one does not have.

use std::path::Path;

use super::earlier::Earlier;
use super::Folder;
use crate::error::Classified;
use crate::replace::ReplaceError;

/// Where the split is being written.
pub(super) struct Staged(crate::replace::Staged);

impl Staged {
    /// Begin the output of a split into `out`: the hidden folder beside it when it can be
    /// replaced whole, else inside it.
    pub(super) fn begin(out: &Path) -> anyhow::Result<Staged> {
        Ok(Staged(
            crate::replace::Staged::begin(out, "split").map_err(classified)?,
        ))
    }

    /// The folder to write the output into.
    pub(super) fn path(&self) -> &Path {
        self.0.path()
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
        let Staged(staged) = self;
        let out = staged.out().to_path_buf();
        if !staged.whole() {
            return super::move_into_place(staged.path(), &out, folders, rejects, earlier);
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
        staged.finish(own, &[]).map_err(classified)?;
        Ok(removed)
    }
}

/// That the run may write in the output folder `out`, when it is there: checked before the
/// data is read ([`crate::replace::writable`]).
pub(super) fn writable(out: &Path) -> anyhow::Result<()> {
    crate::replace::writable(out).map_err(classified)
}

/// The error of putting the output in place, as the split's other I/O errors are: exit 3.
fn classified(e: ReplaceError) -> anyhow::Error {
    Classified::internal(e.to_string()).into()
}
