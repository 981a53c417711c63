//! Importers: bad rows are named by file, line and field; imports are all or nothing unless asked.

use praxis_flows::batch::{merge, BadRows};
use praxis_flows::import::amlsim;

#[test]
fn amlsim_bad_rows_are_named_and_refuse_the_import() {
    let csv = "tran_id,orig_acct,bene_acct,tx_type,base_amt,tran_timestamp,is_sar,alert_id
1,1,3,TRANSFER,100.00,2017-01-01T00:00:00Z,False,-1
2,2,,TRANSFER,200.00,2017-01-01T00:00:00Z,False,-1
3,3,4,TRANSFER,seventy,2017-01-01T00:00:00Z,False,-1
4,3,5,TRANSFER,150.00,yesterday,False,-1
5,3,5,TRANSFER,1.005,2017-01-02T00:00:00Z,False,-1
";
    let batch = amlsim::read(csv.as_bytes(), "t.csv").unwrap();
    let named: Vec<(u64, &str)> = batch.errors.iter().map(|d| (d.line, d.field.as_str())).collect();
    assert_eq!(named, vec![(3, "bene_acct"), (4, "base_amt"), (5, "tran_timestamp"), (6, "base_amt")]);
    assert!(batch.errors[0].to_string().starts_with("t.csv:3: bene_acct:"));
    let refused = batch.clone().finish(BadRows::Refuse).unwrap_err();
    assert_eq!(refused.0.len(), 4);
    let kept = batch.finish(BadRows::Skip).unwrap();
    assert_eq!(kept.transactions.len(), 1);
    assert_eq!(kept.errors.len(), 4, "every skipped row is listed");
}

#[test]
fn a_missing_column_is_named() {
    let batch = amlsim::read("tran_id,orig_acct\n1,2\n".as_bytes(), "t.csv").unwrap();
    assert_eq!(batch.errors.len(), 1);
    assert_eq!(batch.errors[0].field, "header");
    assert!(batch.errors[0].message.contains("bene_acct"));
}

#[test]
fn gzip_is_read_transparently_and_the_sample_loads_whole() {
    let path =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/amlsim-10k-mixed/transactions.csv.gz");
    let file = std::fs::File::open(path).expect("the AMLSim sample beside the project");
    let batch = amlsim::read(file, "transactions.csv.gz").unwrap();
    assert!(batch.errors.is_empty(), "{:?}", &batch.errors[..batch.errors.len().min(3)]);
    assert_eq!(batch.transactions.len(), 199_609);
    let (merged, dropped) = merge(vec![batch.transactions.clone(), batch.transactions], true);
    assert_eq!((merged.len(), dropped), (199_609, 199_609), "the same file twice counts once");
}
