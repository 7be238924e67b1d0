//! Where the bytes of offers' images go (`IMAGE_STORE`): the database by default, a
//! directory, or an S3-compatible bucket, through `object_store`. The database row of an
//! image says which version an offer shows and whether its bytes are in the row or in
//! the object store, so that after moving from the database to a bucket, images stored
//! before are still served; `server images migrate --to ...` moves them. The row does not
//! say which bucket: moving from one bucket to another is copying its objects.
//!
//! Each version has its own objects, `offres/<offer>/<version>/grande.jpg` and
//! `vignette.jpg`, written before the row points at them and deleted once a newer version
//! replaced them: an instance never serves half an upload.

use object_store::ObjectStore;
use object_store::path::Path;
use std::sync::Arc;
use store::{ImageHome, ImageVersion, NewOfferImage};

/// The setting's values, for messages.
pub const EXPECTED: &str = "database, directory:/a/folder or s3://bucket (with the AWS_* settings of the \
     bucket: AWS_ENDPOINT, AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)";

#[derive(Clone)]
pub enum ImageStore {
    /// In the image's row, as BLOBs.
    Database,
    /// In an object store; `name` says which, for logs.
    Objects {
        objects: Arc<dyn ObjectStore>,
        name: String,
    },
}

impl std::fmt::Debug for ImageStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImageStore::Database => f.write_str("database"),
            ImageStore::Objects { name, .. } => f.write_str(name),
        }
    }
}

/// What went wrong with the object store.
#[derive(Debug, thiserror::Error)]
#[error("the image store {store} failed: {source}")]
pub struct ImageStoreError {
    store: String,
    source: object_store::Error,
}

impl ImageStore {
    /// The store a setting names: `database`, `directory:<folder>` (created if missing)
    /// or `s3://<bucket>`, the rest of its settings read from `AWS_*` variables.
    pub fn parse(setting: &str) -> Result<ImageStore, String> {
        let setting = setting.trim();
        let objects: Arc<dyn ObjectStore> = if setting.is_empty() || setting == "database" {
            return Ok(ImageStore::Database);
        } else if let Some(folder) = setting.strip_prefix("directory:") {
            std::fs::create_dir_all(folder).map_err(|e| format!("{folder}: {e}"))?;
            Arc::new(
                object_store::local::LocalFileSystem::new_with_prefix(folder)
                    .map_err(|e| e.to_string())?,
            )
        } else if setting.starts_with("s3://") {
            Arc::new(
                object_store::aws::AmazonS3Builder::from_env()
                    .with_url(setting)
                    .build()
                    .map_err(|e| e.to_string())?,
            )
        } else {
            return Err(format!("expected {EXPECTED}"));
        };
        Ok(ImageStore::Objects {
            objects,
            name: setting.to_owned(),
        })
    }

    /// Where the row of an image stored here says its bytes are.
    pub fn home(&self) -> ImageHome {
        match self {
            ImageStore::Database => ImageHome::Database,
            ImageStore::Objects { .. } => ImageHome::Objects,
        }
    }

    /// Where a size of a version is kept.
    fn key(offer_id: i64, version: i64, large: bool) -> Path {
        let file = if large {
            domain::pro::image::LARGE_FILE
        } else {
            domain::pro::image::THUMBNAIL_FILE
        };
        Path::from(format!("offres/{offer_id}/{version}/{file}"))
    }

    fn failed(&self, source: object_store::Error) -> ImageStoreError {
        ImageStoreError {
            store: format!("{self:?}"),
            source,
        }
    }

    /// Writes both sizes of the version `version` of an offer's image (nothing for the
    /// database, which keeps them in the row).
    pub async fn put(
        &self,
        offer_id: i64,
        version: i64,
        image: &NewOfferImage,
    ) -> Result<(), ImageStoreError> {
        let ImageStore::Objects { objects, .. } = self else {
            return Ok(());
        };
        for (large, bytes) in [(true, &image.large), (false, &image.thumbnail)] {
            objects
                .put(&Self::key(offer_id, version, large), bytes.to_vec().into())
                .await
                .map_err(|e| self.failed(e))?;
        }
        Ok(())
    }

    /// One size of a version kept in the object store; `None` if it is not there.
    pub async fn get(
        &self,
        version: &ImageVersion,
        large: bool,
    ) -> Result<Option<Vec<u8>>, ImageStoreError> {
        let ImageStore::Objects { objects, .. } = self else {
            return Ok(None);
        };
        let key = Self::key(version.offer_id, version.version, large);
        match objects.get(&key).await {
            Ok(found) => Ok(Some(
                found.bytes().await.map_err(|e| self.failed(e))?.to_vec(),
            )),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(error) => Err(self.failed(error)),
        }
    }

    /// Deletes the objects of a version no row points at any more (a missing one is
    /// not an error).
    pub async fn delete(&self, version: &ImageVersion) -> Result<(), ImageStoreError> {
        let ImageStore::Objects { objects, .. } = self else {
            return Ok(());
        };
        for large in [true, false] {
            match objects
                .delete(&Self::key(version.offer_id, version.version, large))
                .await
            {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
                Err(error) => return Err(self.failed(error)),
            }
        }
        Ok(())
    }
}

/// Copies every image the database holds into `to`, then empties its row; an image
/// replaced meanwhile is left to its new version. Returns how many moved.
pub async fn migrate(
    repo: &store::Repo,
    to: &ImageStore,
) -> Result<u64, Box<dyn std::error::Error>> {
    if matches!(to, ImageStore::Database) {
        return Err("the images are already in the database: name a directory or a bucket".into());
    }
    let (mut moved, mut after) = (0, 0);
    loop {
        let page = repo.images_in_database(after, 100).await?;
        let Some(last) = page.last() else {
            return Ok(moved);
        };
        after = last.offer_id;
        for version in &page {
            let (Some(large), Some(thumbnail)) = (
                repo.offer_image(version.offer_id, true).await?,
                repo.offer_image(version.offer_id, false).await?,
            ) else {
                continue;
            };
            if large.version != *version || thumbnail.version != *version {
                continue; // replaced since listed
            }
            // The sizes stay in the row; only the bytes move.
            let image = NewOfferImage {
                large: large.bytes,
                thumbnail: thumbnail.bytes,
                width: 1,
                height: 1,
            };
            to.put(version.offer_id, version.version, &image).await?;
            if repo.image_moved_to_objects(version).await? {
                moved += 1;
            } else {
                to.delete(version).await?;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(offer_id: i64, version: i64) -> ImageVersion {
        ImageVersion {
            offer_id,
            version,
            home: ImageHome::Objects,
        }
    }

    #[tokio::test]
    async fn a_directory_keeps_each_version_until_it_is_deleted() {
        let folder = tempfile::tempdir().expect("temp dir");
        let store = ImageStore::parse(&format!("directory:{}", folder.path().display()))
            .expect("a directory store");
        assert_eq!(store.home(), ImageHome::Objects);
        let image = NewOfferImage {
            large: vec![1; 500],
            thumbnail: vec![2; 50],
            width: 10,
            height: 10,
        };
        store.put(7, 1_800_000_000, &image).await.expect("put");
        assert!(
            folder
                .path()
                .join("offres/7/1800000000/grande.jpg")
                .is_file()
        );
        let kept = version(7, 1_800_000_000);
        assert_eq!(
            store.get(&kept, true).await.expect("get"),
            Some(vec![1; 500])
        );
        assert_eq!(
            store.get(&kept, false).await.expect("get"),
            Some(vec![2; 50])
        );
        assert_eq!(store.get(&version(7, 1), true).await.expect("get"), None);
        store.delete(&kept).await.expect("delete");
        assert_eq!(store.get(&kept, true).await.expect("get"), None);
        store
            .delete(&kept)
            .await
            .expect("deleting twice is no error");
    }

    #[test]
    fn the_database_is_the_default_and_other_settings_are_refused() {
        assert_eq!(
            ImageStore::parse("").expect("valid").home(),
            ImageHome::Database
        );
        assert_eq!(
            ImageStore::parse("database").expect("valid").home(),
            ImageHome::Database
        );
        let refused = ImageStore::parse("ftp://images").expect_err("refused");
        assert!(refused.contains("s3://bucket"), "{refused}");
    }
}
