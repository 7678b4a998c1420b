//! Baken: a static site generator for the regional approach to human trafficking.
//!
//! The pipeline runs in one direction: [`content`] loads the files into a
//! typed site, [`validate`] checks it, [`search`] and [`render`] derive the
//! index and the pages, and [`output`] writes them atomically. [`cli`] holds
//! one module per subcommand.

pub mod build;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod memory;
pub mod output;
pub mod quiz;
pub mod render;
pub mod search;
pub mod serve;
pub mod validate;
