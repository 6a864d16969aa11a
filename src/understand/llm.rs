//! LLM-assisted understanding (SCAFFOLD: filled in by the LLM work).
