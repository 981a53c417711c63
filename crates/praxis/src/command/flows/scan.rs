//! `praxis flows scan`. (Being written.)

use std::process::ExitCode;

use clap::Args;

use super::input::InputArgs;

#[derive(Debug, Args)]
pub(crate) struct ScanArgs {
    #[command(flatten)]
    input: InputArgs,
}

pub(crate) fn run(a: ScanArgs) -> anyhow::Result<ExitCode> {
    let _ = a;
    anyhow::bail!("praxis flows scan is being written")
}
