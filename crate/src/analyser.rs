//! One conversation, read incrementally.

use crate::model::{Analysis, Context, Message};

/// Holds one conversation's state. Pushing a message costs time proportional to that message.
#[derive(Debug, Clone)]
pub struct Analyser {
    context: Context,
    count: usize,
}

impl Analyser {
    /// A new, empty conversation.
    pub fn new(context: Context) -> Self {
        Analyser { context, count: 0 }
    }

    /// Adds one message (in page order).
    pub fn push(&mut self, _message: &Message) {
        self.count += 1;
    }

    /// Adds messages in order.
    pub fn push_batch(&mut self, messages: impl IntoIterator<Item = Message>) {
        for m in messages {
            self.push(&m);
        }
    }

    /// Messages analysed so far.
    pub fn message_count(&self) -> usize {
        self.count
    }

    /// The verdict so far.
    pub fn result(&self) -> Analysis {
        let _ = &self.context;
        Analysis { message_count: self.count, ..Analysis::default() }
    }
}
