//! Snapshots: a call's journal written out, and restored by replaying every turn through the
//! same deterministic core (so a restored call is always one the code can reach).

use super::{journal, Conversation, DeskReply};

impl Conversation {
    /// The whole conversation as a string (versioned JSON), for reload-safe sessions.
    pub fn snapshot(&self) -> String {
        journal::write(self.config, &self.journal)
    }

    /// Rebuild a conversation from [`Conversation::snapshot`] by replaying its turns;
    /// corrupted or foreign text is an error, never a panic.
    pub fn restore(snapshot: &str) -> Result<Conversation, SnapshotError> {
        let (config, events) = journal::read(snapshot)?;
        let mut conversation = Conversation::new(config);
        let mut events = events.into_iter().peekable();
        while let Some(event) = events.next() {
            let turn = match event {
                journal::Event::Said(text) => conversation.respond_unsettled(&text),
                journal::Event::Chose(option) => conversation.choose(option),
                journal::Event::Asked { text, asked_ms, answered_ms, outcome, threshold } => {
                    conversation.replay_asked(&text, asked_ms, answered_ms, outcome, threshold)
                }
                // An answer with no errand waiting for it: not a journal we wrote.
                journal::Event::Answered { .. } => {
                    return Err(SnapshotError::Corrupted("an answer to no errand".to_string()))
                }
            };
            // The errands the turn left, settled with the answers journalled after it.
            let mut turn = turn;
            while conversation.pending_errand().is_some() {
                let reply = match events.next_if(|e| matches!(e, journal::Event::Answered { .. })) {
                    Some(journal::Event::Answered { status, body }) => DeskReply { status, body },
                    _ => DeskReply::unreachable(),
                };
                turn = conversation.settle(turn, reply);
            }
        }
        Ok(conversation)
    }
}

/// Why a snapshot could not be restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotError {
    Corrupted(String),
    Foreign,
}

impl std::fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SnapshotError::Corrupted(why) => write!(f, "snapshot is corrupted: {why}"),
            SnapshotError::Foreign => write!(f, "not a United Voice snapshot"),
        }
    }
}

impl std::error::Error for SnapshotError {}
