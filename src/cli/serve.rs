//! `baken serve`: live preview over HTTP that rebuilds on save.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::serve::{serve, ServeOptions};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Site root: the folder with baken.yaml, content/, quizzes/ and themes/.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,

    /// IP address to listen on. Keep the default 127.0.0.1 unless other
    /// machines must see the unpublished site.
    #[arg(long, value_name = "ADDR", default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,

    /// TCP port to listen on; 0 picks a free port.
    #[arg(long, value_name = "N", default_value_t = 1111)]
    pub port: u16,

    /// Open the site in the default browser (xdg-open) once it is served.
    #[arg(long)]
    pub open: bool,
}

/// Serves the site until Ctrl-C; returns success after a clean stop.
pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let root = super::site_root(args.root)?;
    let addr = SocketAddr::new(args.bind, args.port);
    serve(ServeOptions {
        root,
        addr,
        open: args.open,
    })?;
    Ok(ExitCode::SUCCESS)
}
