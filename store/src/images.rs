//! Offers' images. A row per offer says which version it shows (the instant it was
//! uploaded, also in its address so that browsers keep each version for good) and where
//! its bytes are: in the row itself (the default, nothing else to run), or in the object
//! store the server is configured with (`app::ssr::image_store`), in which case the row
//! keeps its size and version only.

use crate::NewOfferImage;
use crate::backend::{Affected, Db, Store};
use crate::error::StoreError;
use chrono::{DateTime, Utc};

type Result<T> = std::result::Result<T, StoreError>;

/// Where the bytes of an image are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageHome {
    Database,
    Objects,
}

impl ImageHome {
    fn as_str(self) -> &'static str {
        match self {
            ImageHome::Database => "database",
            ImageHome::Objects => "objects",
        }
    }

    fn parse(text: &str) -> ImageHome {
        if text == "objects" {
            ImageHome::Objects
        } else {
            ImageHome::Database
        }
    }
}

/// The version of an offer's image an offer shows, and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageVersion {
    pub offer_id: i64,
    /// The upload's instant, in seconds: it names the version's objects.
    pub version: i64,
    pub home: ImageHome,
}

/// One size of an offer's image: its version, and its JPEG bytes when the row holds them
/// (empty when they are in the object store).
#[derive(Debug, Clone)]
pub struct StoredImage {
    pub version: ImageVersion,
    pub bytes: Vec<u8>,
}

#[async_trait::async_trait]
pub trait Images: Send + Sync + 'static {
    /// Stores (or replaces) an offer's image and points the offer at it; with
    /// [`ImageHome::Objects`] the bytes are already in the object store under the version
    /// `now` names, and the row keeps none. Returns the version it replaced, whose objects
    /// the caller may now delete.
    async fn set_offer_image(
        &self,
        offer_id: i64,
        image: &NewOfferImage,
        home: ImageHome,
        now: DateTime<Utc>,
    ) -> Result<Option<ImageVersion>>;
    /// One size of an offer's image (`large` or the thumbnail).
    async fn offer_image(&self, offer_id: i64, large: bool) -> Result<Option<StoredImage>>;
    /// Images whose bytes the database holds, by offer, after the offer `after`.
    async fn images_in_database(&self, after: i64, limit: i64) -> Result<Vec<ImageVersion>>;
    /// Empties the row of an image whose bytes were copied to the object store, if it is
    /// still that version in the database.
    async fn image_moved_to_objects(&self, version: &ImageVersion) -> Result<bool>;
}

/// The columns of an [`ImageVersion`].
type VersionRow = (i64, i64, String);

fn version((offer_id, version, home): VersionRow) -> ImageVersion {
    ImageVersion {
        offer_id,
        version,
        home: ImageHome::parse(&home),
    }
}

#[async_trait::async_trait]
impl<DB: Db> Images for Store<DB> {
    async fn set_offer_image(
        &self,
        offer_id: i64,
        image: &NewOfferImage,
        home: ImageHome,
        now: DateTime<Utc>,
    ) -> Result<Option<ImageVersion>> {
        let at = crate::time::to_db(now);
        let mut tx = self.begin_write().await?;
        let replaced = sqlx::query_as::<_, VersionRow>(DB::for_update(
            "SELECT offer_id, updated_at, stored_in FROM offer_images WHERE offer_id = $1 ",
            None,
        ))
        .bind(offer_id)
        .fetch_optional(&mut *tx)
        .await?
        .map(version);
        let nothing = Vec::new();
        let (large, thumbnail) = match home {
            ImageHome::Database => (&image.large, &image.thumbnail),
            ImageHome::Objects => (&nothing, &nothing),
        };
        sqlx::query(
            "INSERT INTO offer_images \
             (offer_id, large, thumbnail, width, height, updated_at, stored_in) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (offer_id) DO UPDATE SET \
             large = $2, thumbnail = $3, width = $4, height = $5, updated_at = $6, \
             stored_in = $7",
        )
        .bind(offer_id)
        .bind(large)
        .bind(thumbnail)
        .bind(image.width)
        .bind(image.height)
        .bind(at)
        .bind(home.as_str())
        .execute(&mut *tx)
        .await?;
        // The version in the address lets browsers cache each image for good.
        sqlx::query("UPDATE offers SET image_url = $1, thumbnail_url = $2 WHERE id = $3")
            .bind(domain::pro::image::address(
                offer_id,
                domain::pro::image::LARGE_FILE,
                at,
            ))
            .bind(domain::pro::image::address(
                offer_id,
                domain::pro::image::THUMBNAIL_FILE,
                at,
            ))
            .bind(offer_id)
            .execute(&mut *tx)
            .await?;
        self.reindex(&mut *tx, offer_id, offer_id, now).await?;
        tx.commit().await?;
        Ok(replaced.filter(|old| old.version != at))
    }

    async fn offer_image(&self, offer_id: i64, large: bool) -> Result<Option<StoredImage>> {
        let sql = if large {
            "SELECT offer_id, updated_at, stored_in, large FROM offer_images WHERE offer_id = $1"
        } else {
            "SELECT offer_id, updated_at, stored_in, thumbnail FROM offer_images \
             WHERE offer_id = $1"
        };
        Ok(sqlx::query_as::<_, (i64, i64, String, Vec<u8>)>(sql)
            .bind(offer_id)
            .fetch_optional(&self.pool)
            .await?
            .map(|(offer_id, at, home, bytes)| StoredImage {
                version: version((offer_id, at, home)),
                bytes,
            }))
    }

    async fn images_in_database(&self, after: i64, limit: i64) -> Result<Vec<ImageVersion>> {
        Ok(sqlx::query_as::<_, VersionRow>(
            "SELECT offer_id, updated_at, stored_in FROM offer_images \
             WHERE stored_in = 'database' AND offer_id > $1 ORDER BY offer_id LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(version)
        .collect())
    }

    async fn image_moved_to_objects(&self, moved: &ImageVersion) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE offer_images SET large = $1, thumbnail = $1, stored_in = 'objects' \
             WHERE offer_id = $2 AND updated_at = $3 AND stored_in = 'database'",
        )
        .bind(Vec::<u8>::new())
        .bind(moved.offer_id)
        .bind(moved.version)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        tx.commit().await?;
        Ok(done)
    }
}
