"""Word minutes drafts, follow-up actions, deadline dates and agenda/minutes comparison."""
