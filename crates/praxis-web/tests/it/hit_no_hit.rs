//! Cross-border hit/no-hit through the web face: the API and the pages.
