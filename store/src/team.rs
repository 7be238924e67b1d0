//! A structure's team: its members with their role, and the changes an administrator of
//! the structure makes (another role, out of the team). The rule that a structure keeps
//! an administrator is `domain::pro::team::may_change`, checked on the members' rows
//! locked in the change's transaction, so two administrators demoting each other at once
//! cannot leave none.

use crate::backend::{Affected, Db, Store};
use crate::error::StoreError;
use domain::pro::team::{MemberRole, may_change};

type Result<T> = std::result::Result<T, StoreError>;

/// A member of a structure's team.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberRow {
    pub user_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    #[sqlx(try_from = "String")]
    pub role: MemberRole,
}

#[async_trait::async_trait]
pub trait Team: Send + Sync + 'static {
    /// The role of `user_id` in the structure, if they are a member.
    async fn member_role(&self, structure_id: i64, user_id: i64) -> Result<Option<MemberRole>>;
    /// The members, administrators first, then by name.
    async fn team(&self, structure_id: i64) -> Result<Vec<MemberRow>>;
    /// Gives a member another role, or takes them out of the team (`None`). `NotFound`
    /// for someone who is not a member; `Invalid` on `role` when the structure would be
    /// left without an administrator.
    async fn change_member(
        &self,
        structure_id: i64,
        user_id: i64,
        role: Option<MemberRole>,
    ) -> Result<()>;
}

#[async_trait::async_trait]
impl<DB: Db> Team for Store<DB> {
    async fn member_role(&self, structure_id: i64, user_id: i64) -> Result<Option<MemberRole>> {
        let role = sqlx::query_scalar::<_, String>(
            "SELECT role FROM structure_members WHERE structure_id = $1 AND user_id = $2",
        )
        .bind(structure_id)
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?;
        role.map(|r| MemberRole::try_from(r).map_err(|e| StoreError::Corrupt(e.to_string())))
            .transpose()
    }

    async fn team(&self, structure_id: i64) -> Result<Vec<MemberRow>> {
        Ok(sqlx::query_as(
            "SELECT u.id AS user_id, u.first_name, u.last_name, u.email, m.role \
             FROM structure_members m JOIN users u ON u.id = m.user_id \
             WHERE m.structure_id = $1 \
             ORDER BY CASE m.role WHEN 'admin' THEN 0 ELSE 1 END, u.last_name, u.first_name, u.id",
        )
        .bind(structure_id)
        .fetch_all(&self.pool)
        .await?)
    }

    #[tracing::instrument(skip(self))]
    async fn change_member(
        &self,
        structure_id: i64,
        user_id: i64,
        role: Option<MemberRole>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let members = sqlx::query_as::<_, (i64, String)>(DB::for_update(
            "SELECT user_id, role FROM structure_members WHERE structure_id = $1 ORDER BY user_id ",
            None,
        ))
        .bind(structure_id)
        .fetch_all(&mut *tx)
        .await?;
        let admins = members
            .iter()
            .filter(|(_, r)| r == MemberRole::Admin.to_stored())
            .count() as i64;
        let current = members
            .iter()
            .find(|(id, _)| *id == user_id)
            .and_then(|(_, r)| MemberRole::parse(r))
            .ok_or(StoreError::NotFound)?;
        may_change(admins, current, role).map_err(StoreError::Invalid)?;
        let changed = match role {
            Some(role) => sqlx::query(
                "UPDATE structure_members SET role = $1 WHERE structure_id = $2 AND user_id = $3",
            )
            .bind(role.to_stored())
            .bind(structure_id)
            .bind(user_id)
            .execute(&mut *tx)
            .await?,
            None => {
                sqlx::query(
                    "DELETE FROM structure_members WHERE structure_id = $1 AND user_id = $2",
                )
                .bind(structure_id)
                .bind(user_id)
                .execute(&mut *tx)
                .await?
            }
        };
        if changed.rows_affected() != 1 {
            return Err(StoreError::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }
}
