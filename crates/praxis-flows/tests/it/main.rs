//! Flows engine tests: the worked example, conservation, reachability, importers.

mod conservation;
mod fx;
mod import;
mod import_ftm;
mod import_goaml;
mod import_profiles;
mod primitives;
mod quality;
mod scan;
mod worked_example;

use praxis_flows::import::amlsim;
use praxis_flows::TxGraph;

/// A graph from AMLSim-format CSV text.
pub(crate) fn graph(csv: &str) -> TxGraph {
    let batch = amlsim::read(csv.as_bytes(), "test.csv").unwrap();
    assert!(batch.errors.is_empty(), "{:?}", batch.errors);
    TxGraph::from_transactions(&batch.transactions)
}
