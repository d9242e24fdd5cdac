//! Typed access to the `SERVICEKIT` KV namespace; the only code that builds keys.
//!
//! Invariant: one key per record, written once; no read-modify-write of a shared value.

use crate::error::ApiError;
use serde::{Deserialize, Serialize};
use servicekit_core::Assessment;
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
        // Serialise with serde_json: handing the struct to KV would go through a JS
        // object, where maps become `Map`s that JSON.stringify writes as `{}`.
        let json = serde_json::to_string(record).map_err(|e| ApiError::Internal(e.to_string()))?;
        self.kv.put(&assessment_key(&record.id), json)?.execute().await?;
        Ok(())
    }

    /// Reads an assessment by id; `None` if there is none.
    pub async fn assessment(&self, id: &str) -> Result<Option<StoredAssessment>, ApiError> {
        let Some(json) = self.kv.get(&assessment_key(id)).text().await? else {
            return Ok(None);
        };
        let record = serde_json::from_str(&json)
            .map_err(|e| ApiError::Internal(format!("stored assessment {id} is unreadable: {e}")))?;
        Ok(Some(record))
    }
}

fn assessment_key(id: &str) -> String {
    format!("assessment:{id}")
}
