//! Typology detection. (Being written.)
