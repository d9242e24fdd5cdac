//! Typed access to the `SERVICEKIT` KV namespace; the only code that builds keys.
//!
//! Invariant: one key per record, written once; no read-modify-write of a shared value.

use crate::error::ApiError;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use servicekit_core::api::FrameworkIndex;
use servicekit_core::team::TeamSubmission;
use servicekit_core::{Assessment, RoleProfile};
use worker::{kv::KvStore, Env};

/// Name of the KV binding in `wrangler.toml`.
pub const BINDING: &str = "SERVICEKIT";

/// An assessment as kept in KV: the token only as its hash.
#[derive(Debug, Serialize, Deserialize)]
pub struct StoredAssessment {
    /// Record id.
    pub id: String,
    /// Submission time, RFC 3339 UTC.
    pub created_at: String,
    /// SHA-256 of the bearer token, hex.
    pub token_hash: String,
    /// The validated assessment.
    pub assessment: Assessment,
}

/// The KV namespace of this deployment.
pub struct Store {
    kv: KvStore,
}

impl Store {
    /// Opens the `SERVICEKIT` binding.
    pub fn open(env: &Env) -> Result<Store, ApiError> {
        let kv = env.kv(BINDING).map_err(|e| ApiError::StorageUnavailable(e.to_string()))?;
        Ok(Store { kv })
    }

    /// Writes a new assessment under its own key.
    pub async fn put_assessment(&self, record: &StoredAssessment) -> Result<(), ApiError> {
        self.put_json(&assessment_key(&record.id), record).await
    }

    /// Reads an assessment by id; `None` if there is none.
    pub async fn assessment(&self, id: &str) -> Result<Option<StoredAssessment>, ApiError> {
        self.get_json(&assessment_key(id)).await
    }

    /// Removes an assessment for good.
    pub async fn delete_assessment(&self, id: &str) -> Result<(), ApiError> {
        self.kv.delete(&assessment_key(id)).await?;
        Ok(())
    }
    /// Writes one imported role-level profile under its own key.
    pub async fn put_profile(&self, profile: &RoleProfile) -> Result<(), ApiError> {
        self.put_json(&profile_key(&profile.id), profile).await
    }

    /// Reads an imported role-level profile.
    pub async fn profile(&self, id: &str) -> Result<Option<RoleProfile>, ApiError> {
        self.get_json(&profile_key(id)).await
    }

    /// Writes a framework's index, after its profiles, so readers never see missing profiles.
    pub async fn put_framework(&self, index: &FrameworkIndex) -> Result<(), ApiError> {
        self.put_json(&framework_key(&index.id), index).await
    }

    /// Reads a framework's index.
    pub async fn framework(&self, id: &str) -> Result<Option<FrameworkIndex>, ApiError> {
        self.get_json(&framework_key(id)).await
    }

    /// Every framework index (one list, then one read per framework).
    pub async fn frameworks(&self) -> Result<Vec<FrameworkIndex>, ApiError> {
        let listed = self.kv.list().prefix(FRAMEWORK_PREFIX.to_owned()).execute().await?;
        let mut out = Vec::new();
        for key in listed.keys {
            if let Some(index) = self.get_json(&key.name).await? {
                out.push(index);
            }
        }
        Ok(out)
    }

    /// Serialises with serde_json: handing a struct to KV directly would go through a
    /// JS object, where maps become `Map`s that JSON.stringify writes as `{}`.
    async fn put_json<T: Serialize>(&self, key: &str, value: &T) -> Result<(), ApiError> {
        let json = serde_json::to_string(value).map_err(|e| ApiError::Internal(e.to_string()))?;
        self.kv.put(key, json)?.execute().await?;
        Ok(())
    }

    async fn get_json<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, ApiError> {
        let Some(json) = self.kv.get(key).text().await? else {
            return Ok(None);
        };
        serde_json::from_str(&json)
            .map(Some)
            .map_err(|e| ApiError::Internal(format!("{key} is unreadable: {e}")))
    }
}

/// A team as kept in KV: the lead's token only as its hash.
#[derive(Debug, Serialize, Deserialize)]
pub struct StoredTeam {
    /// Team id.
    pub id: String,
    /// Creation time, RFC 3339 UTC.
    pub created_at: String,
    /// SHA-256 of the lead's token, hex.
    pub token_hash: String,
    /// The team as created.
    pub team: TeamSubmission,
}

/// What a membership key carries in its list metadata: ranks only, no identity.
#[derive(Debug, Serialize, Deserialize)]
struct MemberMetadata {
    /// Ranks in the profile's skill order, 0 for not rated.
    r: Vec<u8>,
}

impl Store {
    /// Writes a new team under its own key.
    pub async fn put_team(&self, team: &StoredTeam) -> Result<(), ApiError> {
        self.put_json(&team_key(&team.id), team).await
    }

    /// Reads a team.
    pub async fn team(&self, id: &str) -> Result<Option<StoredTeam>, ApiError> {
        self.get_json(&team_key(id)).await
    }

    /// Counts an assessment towards a team: one key per membership, ranks in its metadata.
    pub async fn put_member(&self, team: &str, assessment: &str, ranks: Vec<u8>) -> Result<(), ApiError> {
        let metadata = MemberMetadata { r: ranks };
        self.kv.put(&member_key(team, assessment), "")?.metadata(metadata)?.execute().await?;
        Ok(())
    }

    /// Removes an assessment from a team.
    pub async fn delete_member(&self, team: &str, assessment: &str) -> Result<(), ApiError> {
        self.kv.delete(&member_key(team, assessment)).await?;
        Ok(())
    }

    /// Every member's ranks: one KV list per 1,000 members, no reads.
    pub async fn member_ranks(&self, team: &str) -> Result<Vec<Vec<u8>>, ApiError> {
        let mut ranks = Vec::new();
        let mut cursor = None;
        loop {
            let mut list = self.kv.list().prefix(member_prefix(team));
            if let Some(cursor) = cursor.take() {
                list = list.cursor(cursor);
            }
            let page = list.execute().await?;
            for key in page.keys {
                let metadata = key.metadata.and_then(|m| serde_json::from_value::<MemberMetadata>(m).ok());
                if let Some(metadata) = metadata {
                    ranks.push(metadata.r);
                }
            }
            match page.cursor.filter(|_| !page.list_complete) {
                Some(next) => cursor = Some(next),
                None => return Ok(ranks),
            }
        }
    }
}

fn team_key(id: &str) -> String {
    format!("team:{id}")
}

fn member_prefix(team: &str) -> String {
    format!("member:{team}:")
}

fn member_key(team: &str, assessment: &str) -> String {
    format!("{}{assessment}", member_prefix(team))
}

const FRAMEWORK_PREFIX: &str = "framework:";

fn framework_key(id: &str) -> String {
    format!("{FRAMEWORK_PREFIX}{id}")
}

fn profile_key(id: &str) -> String {
    format!("profile:{id}")
}

fn assessment_key(id: &str) -> String {
    format!("assessment:{id}")
}
